import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeRequest, handleRequest, keptRawBody, withoutTrailingSlash, writeNodeResponse } from '@finhooks/core/adapter';
import type { MountedEndpoint } from './registry.js';

/** Structural: the Express app of `@nestjs/platform-express` (4 or 5), without a dependency on its types. */
export interface ExpressLikeApp {
  use(handler: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): unknown;
}

type ExpressLikeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

export const EXPRESS_HOW_TO_FIX =
  'A body parser read this request before finhooks: if you passed your own Express app to `new ExpressAdapter(app)`, register FinhooksModule before its body parsers, or make them keep the raw bytes (`rawBody: true` in NestFactory.create, or express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })).';

/**
 * One middleware for every endpoint, at the front of the Express app: mounted as soon as Nest hands
 * over the adapter, before `app.init()` installs Nest's body parsers, so the pipeline reads the raw
 * stream itself (bounded by `bodyLimit` and `bodyTimeout`). Any other path falls through to Nest.
 */
export function mountOnExpress(app: ExpressLikeApp, endpoints: readonly MountedEndpoint[]): void {
  const byPath = new Map(endpoints.map((endpoint) => [withoutTrailingSlash(endpoint.path), endpoint.webhooks]));
  app.use((req: ExpressLikeRequest, res, next) => {
    const webhooks = byPath.get(withoutTrailingSlash((req.url ?? '/').split('?', 1)[0]!));
    if (!webhooks) {
      next();
      return;
    }
    // A parser that ran earlier (a host Express app handed to ExpressAdapter) may have kept the raw bytes.
    const request = fromNodeRequest(req, { rawBody: keptRawBody(req.rawBody, req.body), howToFix: EXPRESS_HOW_TO_FIX });
    handleRequest(webhooks, request).then((response) => writeNodeResponse(res, response), next);
  });
}
