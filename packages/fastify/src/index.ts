import {
  type AnyProvider,
  BodyAlreadyParsedError,
  createWebhooks,
  type Webhooks,
  type WebhooksOptions,
  WebhookError,
} from '@finhooks/core';
import {
  handleRequest,
  isWebhooks,
  preflight,
  readBodyStream,
  refuse,
  registerBothSpellings,
  type StreamedRequest,
  type WebhookResponse,
  type WithWebhooks,
} from '@finhooks/core/adapter';
import type { FastifyInstance, FastifyReply, FastifyRequest, RegisterOptions } from 'fastify';
import fp from 'fastify-plugin';
import { fromFastifyBodyError } from './body-errors.js';
import { type FinhooksRegistry, InstanceRegistry } from './registry.js';

export type { FinhooksInstances, FinhooksRegistry } from './registry.js';

interface MountOptions {
  /**
   * The route's URL, e.g. `/webhooks/moneyhub` (under the register `prefix`, if any), also answered
   * with a trailing slash (`/webhooks/moneyhub/`). Every method answers; non-POST get 405.
   */
  readonly path: string;
  /**
   * Key in `app.finhooks`; default: the instance's name. Set it when one provider is registered
   * twice. When the plugin creates the instance, it is also the instance's `name`: the prefix of its
   * store keys (see `createWebhooks`), so two registrations sharing a store do not share keys.
   */
  readonly name?: string;
  /**
   * On `app.close()` the instance stops taking deliveries (503 `shutting_down`, Retry-After) and
   * those in flight get this long to finish, ms, before their claims are released and they are
   * answered 503 (see `webhooks.close()`); Fastify then stops its server. Default 25 000.
   */
  readonly closeTimeout?: number;
}

/** Core options plus `path` and `name`: the plugin creates the instance. `bodyLimit` defaults to Fastify's. */
export interface FinhooksPluginOptions<P extends AnyProvider, Patterns extends string = never>
  extends WebhooksOptions<P, Patterns>, MountOptions {}

/** An existing `createWebhooks()` instance (its own `bodyLimit` applies), e.g. shared with another framework. */
export interface FinhooksInstanceOptions<P extends AnyProvider> extends MountOptions, WithWebhooks<P> {}

export type FinhooksFastifyOptions<P extends AnyProvider, Patterns extends string = never> =
  FinhooksPluginOptions<P, Patterns> | FinhooksInstanceOptions<P>;

/** The plugin's type: generic, so `app.register(finhooks, { provider, on })` types the handlers in `on`. */
export interface FinhooksFastifyPlugin {
  <P extends AnyProvider, const Patterns extends string = never>(
    fastify: FastifyInstance,
    options: FinhooksFastifyOptions<P, Patterns>,
  ): Promise<void>;
}

export const HOW_TO_FIX =
  'A host hook (preValidation/preHandler) replaced request.body on the finhooks route; leave request.body as the Buffer finhooks parsed, or skip that hook for the route.';

declare module 'fastify' {
  // An overload for this plugin: TypeScript cannot infer a generic plugin's options through
  // Fastify's own overloads, so without it the handlers in `on` would not be typed.
  interface FastifyRegister<T, RawServer, TypeProviderDefault, LoggerDefault> {
    <P extends AnyProvider, const Patterns extends string = never>(
      plugin: FinhooksFastifyPlugin,
      opts: FinhooksFastifyOptions<P, Patterns> & RegisterOptions,
    ): T;
  }

  interface FastifyInstance {
    /** Every finhooks instance registered on this app, by `name` (default: the instance's name, itself by default the provider's). */
    finhooks: FinhooksRegistry;
  }
}

async function finhooksPlugin(
  fastify: FastifyInstance,
  options: FinhooksFastifyOptions<AnyProvider, string>,
): Promise<void> {
  if (typeof options.path !== 'string' || !options.path.startsWith('/')) {
    throw new TypeError(
      '@finhooks/fastify: the `path` option is required and must start with "/", e.g. { path: "/webhooks/atelio" }.',
    );
  }
  if ('webhooks' in options && !isWebhooks(options.webhooks)) {
    throw new TypeError('@finhooks/fastify: `webhooks` must be an instance made by createWebhooks({...}).');
  }
  const webhooks =
    'webhooks' in options
      ? options.webhooks
      : createWebhooks({ ...options, bodyLimit: options.bodyLimit ?? fastify.initialConfig.bodyLimit });
  registryOf(fastify).add(options.name ?? webhooks.name, webhooks);

  // fastify-plugin shares the decoration with the host; the route itself lives in a child context so
  // its content-type parser, hooks and error handler never touch the host's other routes.
  const { prefix, logLevel } = options as RegisterOptions;
  // `preClose`: before Fastify closes its server, so the deliveries in flight are drained (or
  // released at the deadline) rather than cut. Also for an instance passed in: the app is going.
  fastify.addHook('preClose', async () => {
    await webhooks.close(options.closeTimeout === undefined ? {} : { timeout: options.closeTimeout });
  });
  await fastify.register(finhooksRoute, { path: options.path, webhooks, prefix, logLevel });
}

function registryOf(fastify: FastifyInstance): InstanceRegistry {
  if (!fastify.hasDecorator('finhooks')) fastify.decorate('finhooks', new InstanceRegistry());
  // Only this plugin decorates `finhooks`, always with an InstanceRegistry.
  return fastify.finhooks as InstanceRegistry;
}

async function finhooksRoute(
  child: FastifyInstance,
  { path, webhooks }: { path: string; webhooks: Webhooks<AnyProvider> },
): Promise<void> {
  const { bodyLimit, bodyTimeout } = webhooks;
  // Raw bytes for every content type: the pipeline checks the content type itself (415) and
  // verifies the signature over exactly these bytes. Read by core (as in every adapter), bounded in
  // size and in time: Fastify's own parser has no body timeout, and its `requestTimeout` (default 0,
  // none) is a server-wide option a plugin cannot set for one route.
  child.removeAllContentTypeParsers();
  child.addContentTypeParser('*', (request, payload, done) => {
    const declared = request.headers['content-length'];
    // A preParsing hook may have replaced the stream (decompression): its length is then unknown.
    const length = payload === request.raw && declared !== undefined ? declared : undefined;
    readBodyStream(payload, { limit: bodyLimit, timeout: bodyTimeout, ...(length !== undefined && { length }) }).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });

  // 405 / 415 / 413-by-Content-Length before Fastify reads a byte, answered (and reported to
  // onError) exactly as the pipeline would.
  // Callback style, not async: this hook runs on every delivery and a promise per request shows in the bench.
  child.addHook('onRequest', (request, reply, done) => {
    const refused = preflight(webhooks, request.method, request.headers);
    if (refused) send(reply, refuse(webhooks, refused));
    else done();
  });

  child.setErrorHandler(async (error, request, reply) => {
    const bodyError = error instanceof WebhookError ? error : fromFastifyBodyError(error, webhooks, request.headers);
    if (!bodyError) throw error; // not ours (e.g. a host hook): the host's error handler decides
    return send(reply, refuse(webhooks, bodyError));
  });

  const route = async (request: FastifyRequest, reply: FastifyReply) =>
    send(reply, await handleRequest(webhooks, parsedBody(request)));
  // The same route with and without a trailing slash, as in every finhooks adapter (a host created
  // with `ignoreTrailingSlash` routes both to the first already).
  registerBothSpellings(path, (spelling) => child.all(spelling, { bodyLimit }, route));
}

/** The Buffer our parser produced (none for a body-less request); anything else was replaced by a host hook. */
function parsedBody(request: FastifyRequest): StreamedRequest {
  return {
    method: request.method,
    headers: request.headers,
    url: request.raw.url,
    async readBody() {
      if (request.body === undefined) return Buffer.alloc(0);
      if (Buffer.isBuffer(request.body)) return request.body;
      throw new BodyAlreadyParsedError(HOW_TO_FIX);
    },
  };
}

function send(reply: FastifyReply, response: WebhookResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}

/**
 * Fastify plugin receiving one provider's webhooks on one route:
 *
 * ```ts
 * await app.register(finhooks, { path: '/webhooks/moneyhub', provider: moneyhub({ … }), on: { … } });
 * app.finhooks.get('moneyhub').onEvent('paymentCompleted', handler);
 * ```
 */
export const finhooks = fp(finhooksPlugin, { fastify: '5.x', name: '@finhooks/fastify' }) as FinhooksFastifyPlugin;
export default finhooks;
