import type { Webhooks, WebhooksOptions } from './instance.js';
import { resolveWebhooks, type WebhooksRegistry, type WithWebhooks, withRegistry } from './mount.js';
import { handleRequest } from './pipeline.js';
import type { AnyProvider } from './provider.js';
import { fromWebRequest, toWebResponse } from './web.js';

/** A web-standard request handler: Bun, Deno, Cloudflare Workers, Next.js Edge, Hono, any fetch-style server. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** What `createFetchHandler` returns: the handler, plus the instance's registry (`onEvent`, `onError`…). */
export type FetchWebhooks<P extends AnyProvider> = FetchHandler & WebhooksRegistry<P>;

/**
 * A `(request: Request) => Promise<Response>` handler for one provider's webhooks, on any runtime
 * with the Fetch API: no Node-only module on its path (the main entry imports none; node:crypto is
 * used only where the runtime resolves the `node` condition, Web Crypto elsewhere). The body is read once from the request stream, bounded by `bodyLimit`
 * (413 past it) and `bodyTimeout` (408); every other method is answered 405 with `Allow: POST`.
 *
 * ```ts
 * const handler = createFetchHandler({ provider: atelio({ secret }), on: { 'card.*': (event) => {…} } });
 * Bun.serve({ fetch: handler });                      // Bun
 * Deno.serve(handler);                                // Deno
 * export default { fetch: handler };                  // Cloudflare Workers
 * ```
 *
 * Pass options, an existing `createWebhooks()` instance, or `{ webhooks }`.
 */
export function createFetchHandler<P extends AnyProvider, const Patterns extends string = never>(
  options: WebhooksOptions<P, Patterns> | Webhooks<P> | WithWebhooks<P>,
): FetchWebhooks<P> {
  const instance = resolveWebhooks(options);
  // Workers call `fetch(request, env, ctx)`: only the request is used, so the handler fits as is.
  const handler: FetchHandler = async (request) =>
    toWebResponse(await handleRequest(instance, fromWebRequest(request)));
  return withRegistry(handler, instance);
}
