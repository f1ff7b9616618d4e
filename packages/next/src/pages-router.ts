import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyProvider, Webhooks, WebhooksOptions } from '@finhooks/core';
import {
  fromNodeRequest,
  handleRequest,
  keptRawBody,
  resolveWebhooks,
  type WebhooksRegistry,
  type WithWebhooks,
  withRegistry,
  writeNodeResponse,
} from '@finhooks/core/adapter';

/** Structural `NextApiRequest`: an IncomingMessage that Next's body parser may have given a `body`. */
export type PagesApiRequest = IncomingMessage & { body?: unknown };

/** A Pages Router API route (`export default`) that is also the webhooks instance's registry. */
export type PagesWebhooks<P extends AnyProvider> = ((req: PagesApiRequest, res: ServerResponse) => Promise<void>) &
  WebhooksRegistry<P>;

export const PAGES_HOW_TO_FIX =
  "Next.js parsed this API route's body: add `export const config = { api: { bodyParser: false } };` to the route file, next to `export default pagesWebhooks(...)`.";

/**
 * Next.js Pages Router API route receiving one provider's webhooks:
 *
 * ```ts
 * // pages/api/webhooks/atomic.ts
 * export default pagesWebhooks({ provider: atomic({ secret: process.env.ATOMIC_API_SECRET! }), on: { … } });
 * export const config = { api: { bodyParser: false } };
 * ```
 *
 * With `bodyParser: false` it reads the raw body itself, bounded by `bodyLimit`. If Next's parser
 * ran anyway, it uses `req.body` only when the parser left it as text (it does for every type but
 * JSON and urlencoded, e.g. Moneyhub's `application/jwt`: the text is the raw body); a parsed
 * object is never re-serialised: the answer is 500 `body_already_parsed` saying to add the config.
 * Pass options, an existing `createWebhooks()` instance, or `{ webhooks: instance }`.
 */
export function pagesWebhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: WebhooksOptions<P, Patterns> | WithWebhooks<P> | Webhooks<P>,
): PagesWebhooks<P> {
  const instance = resolveWebhooks(options);

  const route = async (req: PagesApiRequest, res: ServerResponse): Promise<void> => {
    const request = fromNodeRequest(req, { rawBody: keptRawBody(req.body), howToFix: PAGES_HOW_TO_FIX });
    writeNodeResponse(res, await handleRequest(instance, request));
  };

  return withRegistry(route, instance);
}
