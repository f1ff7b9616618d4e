import { type AnyProvider, createFetchHandler, type Webhooks, type WebhooksOptions } from '@finhooks/core';
import { type WebhooksRegistry, type WithWebhooks, withRegistry } from '@finhooks/core/adapter';

/**
 * An App Router route handler. It takes the Web `Request` (Next passes a `NextRequest`, which is
 * one) and ignores the route context, so it fits every route segment, dynamic or not.
 */
export type RouteHandler = (request: Request) => Promise<Response>;

/**
 * What `webhooks()` returns: the route handlers to export from `route.ts`, plus the instance's
 * registry. `POST` receives deliveries; the other methods answer 405 with `Allow: POST`.
 */
export interface NextWebhooks<P extends AnyProvider> extends WebhooksRegistry<P> {
  readonly POST: RouteHandler;
  /**
   * The other methods, to export beside `POST`. Next.js answers a method a route file does not
   * export with a bare 405 that has no `Allow` header, and auto-answers `OPTIONS` listing every
   * exported method; exporting these makes every method answer like the other finhooks adapters.
   * Next derives `HEAD` from `GET`, so `HEAD` needs no export of its own.
   */
  readonly GET: RouteHandler;
  readonly HEAD: RouteHandler;
  readonly PUT: RouteHandler;
  readonly PATCH: RouteHandler;
  readonly DELETE: RouteHandler;
  readonly OPTIONS: RouteHandler;
}

/**
 * Next.js App Router route handlers receiving one provider's webhooks, on the Node.js runtime or
 * the Edge runtime (`export const runtime = 'edge'`: core then verifies with Web Crypto):
 *
 * ```ts
 * // app/api/webhooks/atelio/route.ts
 * export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({
 *   provider: atelio({ secret: process.env.ATELIO_WEBHOOK_SECRET! }),
 *   on: { 'card.*': (event) => { … } },
 * });
 * ```
 *
 * The body is read once from the request stream, bounded by `bodyLimit` (413 past it). Pass options,
 * an existing `createWebhooks()` instance, or `{ webhooks: instance }` (the route file is the mount
 * path, so there are no mount options).
 */
export function webhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: WebhooksOptions<P, Patterns> | WithWebhooks<P> | Webhooks<P>,
): NextWebhooks<P> {
  // An App Router route handler is a fetch handler. One serves every method: the pipeline itself
  // answers non-POST requests 405 + Allow.
  const handler = createFetchHandler(options);
  return withRegistry(
    { POST: handler, GET: handler, HEAD: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler },
    handler.webhooks,
  );
}
