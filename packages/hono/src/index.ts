import type { AnyProvider, Webhooks, WebhooksOptions } from '@finhooks/core';
import {
  fromWebRequest,
  handleRequest,
  resolveWebhooks,
  samePath,
  toWebResponse,
  type WebhooksRegistry,
  withRegistry,
} from '@finhooks/core/adapter';

/**
 * The part of a Hono `Context` the middleware uses. Structural, so the handler type does not depend
 * on one Hono version: every Hono 4 `Context` (any `Env`, path or input) is assignable to it.
 */
export interface HonoLikeContext {
  readonly req: {
    /** The Web `Request`; finhooks reads its body stream itself. */
    readonly raw: Request;
    /** The request's full path (with any `basePath`/`app.route` prefix), without the query string. */
    readonly path: string;
    /**
     * What Hono's body helpers (`c.req.json()`, `text()`, `arrayBuffer()`…) read and cached. `text` and
     * `arrayBuffer` hold the bytes as sent (promises at run time, whatever Hono 4.0's types say); a
     * parsed `json` (early Hono 4 releases such as 4.0) or form data does not.
     */
    readonly bodyCache: { readonly arrayBuffer?: unknown; readonly text?: unknown };
  };
}

export type HonoLikeNext = () => Promise<void>;

export interface HonoWebhooksOptions<P extends AnyProvider, Patterns extends string = never> extends WebhooksOptions<
  P,
  Patterns
> {
  /**
   * Answer only on this path (`c.req.path`, with or without one trailing slash), for
   * `app.use(webhooks({ path, … }))`; other paths go to `next()` untouched. Leave it out behind a
   * route that matched the path already (`app.post(path, …)`, `app.all(path, …)`).
   */
  readonly path?: string;
}

/** An existing `createWebhooks()` instance answering on `path` (one set of handlers, several mounts). */
export interface HonoMountOptions<P extends AnyProvider> {
  /** As in `HonoWebhooksOptions`. */
  readonly path?: string;
  readonly webhooks: Webhooks<P>;
}

/** A Hono handler/middleware that is also the webhooks instance's registry (`.onEvent`, `.onAny`, `.onError`, `.webhooks`). */
export type HonoWebhooks<P extends AnyProvider> = ((
  c: HonoLikeContext,
  next: HonoLikeNext,
) => Promise<Response | undefined>) &
  WebhooksRegistry<P>;

export const HOW_TO_FIX =
  'Register the finhooks handler before any middleware that parses the body (a validator, or c.req.json()/parseBody() in an earlier app.use), or have that middleware read it with c.req.text() or c.req.arrayBuffer(), which keep the bytes as sent.';

/**
 * Hono handler receiving one provider's webhooks, on any runtime Hono runs on (Node through
 * `@hono/node-server`, Bun, Deno…):
 *
 * ```ts
 * app.all('/webhooks/atomic', webhooks({ provider: atomic({ secret }), on: { … } }));
 * app.use(webhooks({ path: '/webhooks/atomic', webhooks: existingInstance }));
 * ```
 *
 * Reads the raw body from `c.req.raw` itself (bounded by `bodyLimit`, refused early with 413). If a
 * middleware ran first and read the body through Hono's helpers, it verifies the bytes Hono kept
 * (`c.req.text()`/`arrayBuffer()`); if only a parsed form was kept it answers 500
 * `body_already_parsed` saying how to fix the order, rather than verify a re-serialised body. Pass
 * options, an existing `createWebhooks()` instance, or `{ path, webhooks: instance }`.
 */
export function webhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: HonoWebhooksOptions<P, Patterns> | HonoMountOptions<P> | Webhooks<P>,
): HonoWebhooks<P> {
  const instance = resolveWebhooks(options);
  const path = 'path' in options ? options.path : undefined;

  const handler = async (c: HonoLikeContext, next: HonoLikeNext): Promise<Response | undefined> => {
    if (path !== undefined && !samePath(c.req.path, path)) {
      await next();
      return undefined;
    }
    const request = fromWebRequest(c.req.raw, { keptBody: () => keptBody(c.req.bodyCache), howToFix: HOW_TO_FIX });
    return toWebResponse(await handleRequest(instance, request));
  };

  return withRegistry(handler, instance);
}

/**
 * The body as sent, from what Hono's helpers cached. `text` round-trips exactly for any UTF-8 body
 * without a byte-order mark; any other body then fails its signature (401), never passes altered.
 */
async function keptBody(cache: HonoLikeContext['req']['bodyCache']): Promise<Uint8Array | string | undefined> {
  const bytes = cache.arrayBuffer === undefined ? undefined : await cache.arrayBuffer;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  const text = cache.text === undefined ? undefined : await cache.text;
  return typeof text === 'string' ? text : undefined;
}
