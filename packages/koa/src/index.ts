import type { IncomingMessage } from 'node:http';
import type { AnyProvider, Webhooks, WebhooksOptions } from '@finhooks/core';
import {
  fromNodeRequest,
  handleRequest,
  keptRawBody,
  resolveWebhooks,
  samePath,
  type WebhookResponse,
  type WebhooksRegistry,
  type WithWebhooks,
  withRegistry,
} from '@finhooks/core/adapter';

/**
 * The part of a Koa context the middleware uses. Structural, so users need no `@types/koa`, and
 * Koa 2/3 contexts (plain or `@koa/router`'s `RouterContext`) are assignable to it.
 */
export interface KoaLikeContext {
  readonly path: string;
  /** The URL before any mount (koa-mount rewrites `req.url`): what per-tenant secret lookups read. */
  readonly originalUrl?: string;
  readonly req: IncomingMessage;
  /**
   * `rawBody` is set by `koa-bodyparser` / `@koa/bodyparser`; `body` may be raw bytes from a raw parser.
   * `method` is unused but required: an all-optional type would reject Koa's `Request` (weak type check).
   */
  readonly request: { readonly method: string; readonly rawBody?: unknown; readonly body?: unknown };
  status: number;
  body: unknown;
  set(field: { [key: string]: string | string[] }): void;
}

export type KoaLikeNext = () => Promise<unknown>;

export interface KoaWebhooksOptions<P extends AnyProvider, Patterns extends string = never> extends WebhooksOptions<
  P,
  Patterns
> {
  /**
   * Answer only on this path (`ctx.path`, with or without one trailing slash) when used with `app.use(...)`; other paths fall
   * through to `next()`. Leave it out when a router already matched the path (`router.all(path, …)`).
   */
  readonly path?: string;
}

/** An existing `createWebhooks()` instance answering on `path` (one set of handlers, several mounts). */
export interface KoaMountOptions<P extends AnyProvider> extends WithWebhooks<P> {
  /** As in `KoaWebhooksOptions`. */
  readonly path?: string;
}

/** A Koa middleware that is also the webhooks instance's registry (`.onEvent`, `.onAny`, `.onError`, `.webhooks`). */
export type KoaWebhooks<P extends AnyProvider> = ((ctx: KoaLikeContext, next: KoaLikeNext) => Promise<void>) &
  WebhooksRegistry<P>;

export const HOW_TO_FIX =
  'Register the finhooks middleware (or its router) before the body parser (app.use(webhooks(...)) above app.use(bodyParser())), or use koa-bodyparser / @koa/bodyparser, which keep the raw bytes in ctx.request.rawBody.';

/**
 * Koa middleware receiving one provider's webhooks:
 *
 * ```ts
 * app.use(webhooks({ path: '/webhooks/atomic', provider: atomic({ secret }), on: { … } }));
 * router.all('/webhooks/atomic', webhooks({ provider: atomic({ secret }), on: { … } }));
 * app.use(webhooks({ path: '/webhooks/atomic', webhooks: existingInstance }));
 * ```
 *
 * Reads the raw body itself (bounded by `bodyLimit`, refused early with 413). If `koa-bodyparser` or
 * `@koa/bodyparser` ran first it verifies the bytes they kept in `ctx.request.rawBody`; if another
 * parser consumed the stream and kept nothing, it answers 500 saying how to fix the order, rather
 * than verify a re-serialised body. Pass options, an existing `createWebhooks()` instance, or
 * `{ path, webhooks: instance }`.
 */
export function webhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: KoaWebhooksOptions<P, Patterns> | KoaMountOptions<P> | Webhooks<P>,
): KoaWebhooks<P> {
  const instance = resolveWebhooks(options);
  const path = 'path' in options ? options.path : undefined;

  const middleware = async (ctx: KoaLikeContext, next: KoaLikeNext): Promise<void> => {
    if (path !== undefined && !samePath(ctx.path, path)) {
      await next();
      return;
    }
    const request = fromNodeRequest(ctx.req, {
      rawBody: keptRawBody(ctx.request.rawBody, ctx.request.body),
      howToFix: HOW_TO_FIX,
      url: ctx.originalUrl,
    });
    writeKoaResponse(ctx, await handleRequest(instance, request));
  };

  return withRegistry(middleware, instance);
}

/** Headers first: Koa keeps a Content-Type already set when `ctx.body` is a string (else text/plain). */
function writeKoaResponse(ctx: KoaLikeContext, response: WebhookResponse): void {
  ctx.status = response.status;
  ctx.set({ ...response.headers });
  ctx.body = response.body;
}

/**
 * Graceful shutdown of your server and the instances it serves, e.g. on SIGTERM (see the README's
 * "Graceful shutdown"): stop listening, drain deliveries (new ones 503), release what missed `timeout`.
 */
export { closeGracefully } from '@finhooks/core/adapter';
export type { CloseGracefullyOptions } from '@finhooks/core/adapter';
