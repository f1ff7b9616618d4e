import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyProvider, Webhooks, WebhooksOptions } from '@finhooks/core';
import {
  fromNodeRequest,
  handleRequest,
  keptRawBody,
  resolveWebhooks,
  samePath,
  type WebhooksRegistry,
  type WithWebhooks,
  withRegistry,
  writeNodeResponse,
} from '@finhooks/core/adapter';

/** Structural request type: Express 4 and 5 requests both fit, without a dependency on @types/express. */
type ExpressLikeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };
type Next = (error?: unknown) => void;

export interface ExpressWebhooksOptions<P extends AnyProvider, Patterns extends string = never> extends WebhooksOptions<
  P,
  Patterns
> {
  /**
   * Answer only on this path, with or without one trailing slash (for `app.use(webhooks({...}))` without a mount path).
   * Without it the middleware answers at the root of wherever it is mounted (`app.use('/webhooks/x', …)`).
   * Other paths fall through to `next()`.
   */
  readonly path?: string;
}

/** An existing `createWebhooks()` instance answering on `path` (one set of handlers, several mounts). */
export interface ExpressMountOptions<P extends AnyProvider> extends WithWebhooks<P> {
  /** As in `ExpressWebhooksOptions`. */
  readonly path?: string;
}

/** An Express middleware that is also the webhooks instance's registry (`.onEvent`, `.onAny`, `.onError`, `.webhooks`). */
export type ExpressWebhooks<P extends AnyProvider> = ((req: IncomingMessage, res: ServerResponse, next: Next) => void) &
  WebhooksRegistry<P>;

export const HOW_TO_FIX =
  'Mount the finhooks middleware before express.json() (e.g. app.use("/webhooks/x", webhooks(...)) first), or make the parser keep the raw bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).';

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0]!;
  return path === '' ? '/' : path;
}

/**
 * Express middleware (Express 4 and 5) receiving one provider's webhooks:
 *
 * ```ts
 * app.use('/webhooks/atelio', webhooks({ provider: atelio({ secret }), on: { 'card.*': fn } }));
 * ```
 *
 * Reads the raw body itself (bounded by `bodyLimit`, refused early with 413). If a body parser ran
 * first it uses the raw bytes the parser kept (`req.rawBody` from a `verify` hook, or the Buffer of
 * `express.raw()`); if the parser kept nothing, it answers 500 saying how to fix the mounting order,
 * rather than verify a re-serialised body. Pass options, an existing `createWebhooks()` instance, or
 * `{ path, webhooks: instance }`.
 */
export function webhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: ExpressWebhooksOptions<P, Patterns> | ExpressMountOptions<P> | Webhooks<P>,
): ExpressWebhooks<P> {
  const instance = resolveWebhooks(options);
  const path = 'path' in options ? options.path : undefined;

  const middleware = (req: ExpressLikeRequest, res: ServerResponse, next: Next): void => {
    const requestPath = pathOf(path === undefined ? req.url : (req.originalUrl ?? req.url));
    if (!samePath(requestPath, path ?? '/')) {
      next();
      return;
    }
    const request = fromNodeRequest(req, { rawBody: keptRawBody(req.rawBody, req.body), howToFix: HOW_TO_FIX });
    handleRequest(instance, request).then((response) => writeNodeResponse(res, response), next);
  };

  return withRegistry(middleware, instance);
}

/**
 * Graceful shutdown of your server and the instances it serves, e.g. on SIGTERM (see the README's
 * "Graceful shutdown"): stop listening, drain deliveries (new ones 503), release what missed `timeout`.
 */
export { closeGracefully } from '@finhooks/core/adapter';
export type { CloseGracefullyOptions } from '@finhooks/core/adapter';
