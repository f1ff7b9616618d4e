import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import {
  handleRequest,
  preflight,
  readBodyStream,
  refuse,
  registerBothSpellings,
  type StreamedRequest,
  type WebhookResponse,
} from '@finhooks/core/adapter';
import type { MountedEndpoint } from './registry.js';

/** Structural types for the Fastify instance of `@nestjs/platform-fastify`, without a dependency on fastify. */
interface FastifyLikeRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
  readonly body?: unknown;
}
interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(headers: Record<string, string>): FastifyLikeReply;
  send(body: string): FastifyLikeReply;
}
type ParserDone = (error: Error | null, body?: unknown) => void;
export interface FastifyLikeInstance {
  register(plugin: (child: FastifyLikeInstance) => Promise<void>): unknown;
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, parser: (request: unknown, payload: Readable, done: ParserDone) => void): void;
  all(
    path: string,
    options: { onRequest: (request: FastifyLikeRequest, reply: FastifyLikeReply, done: () => void) => void },
    handler: (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<FastifyLikeReply>,
  ): void;
}

/**
 * The endpoints as routes of their own Fastify context: its content-type parser hands the pipeline
 * the untouched body stream for every content type, so neither Nest's JSON parser nor Fastify's
 * `bodyLimit` sees the webhook bodies, and the host's other routes keep their parsers.
 */
export function mountOnFastify(fastify: FastifyLikeInstance, endpoints: readonly MountedEndpoint[]): void {
  fastify.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const { path, webhooks } of endpoints) {
      // 405 / 415 / 413-by-Content-Length before Fastify looks for a parser, answered as the pipeline would.
      const onRequest = (request: FastifyLikeRequest, reply: FastifyLikeReply, done: () => void) => {
        const refused = preflight(webhooks, request.method, request.headers);
        if (refused) send(reply, refuse(webhooks, refused));
        else done();
      };
      const route = async (request: FastifyLikeRequest, reply: FastifyLikeReply) =>
        send(reply, await handleRequest(webhooks, streamed(request)));
      // Both spellings (with and without one trailing slash), as in every finhooks adapter (a
      // FastifyAdapter created with `ignoreTrailingSlash` routes both to the first already).
      registerBothSpellings(path, (spelling) => child.all(spelling, { onRequest }, route));
    }
  });
}

/** The body stream our parser passed on (or the request itself when Fastify ran no parser: no body). */
function streamed(request: FastifyLikeRequest): StreamedRequest {
  const stream = isReadable(request.body) ? request.body : request.raw;
  const declared = stream === request.raw ? request.headers['content-length'] : undefined;
  return {
    method: request.method,
    headers: request.headers,
    url: request.raw.url,
    readBody: (limit, timeout) =>
      readBodyStream(stream, { limit, timeout, ...(declared !== undefined && { length: declared }) }),
  };
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}

function send(reply: FastifyLikeReply, response: WebhookResponse): FastifyLikeReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}
