/**
 * `@finhooks/core/adapter`: what an adapter (or a worker) needs besides the app-facing API, so that
 * anyone can mount finhooks in a framework. An adapter does only this: resolve the instance from
 * its argument, hand the pipeline the method, headers and raw body, write back the answer. See
 * "Writing an adapter" in the README.
 */

// The instance: options, an instance, or `{ webhooks, ...mountOptions }`; the registry on what the adapter returns.
export { isWebhooks, resolveWebhooks, withRegistry } from './mount.js';
export type { WebhooksRegistry, WithWebhooks } from './mount.js';

// The pipeline, its early refusals and its answers.
export { handleRequest, errorResponse, preflight, refuse } from './pipeline.js';
export type { RawHeaders, RawRequest, StreamedRequest, WebhookResponse } from './request.js';
export { headerValue, mediaType } from './request.js';

// Queues and inboxes: a stored trace context read back, checked (see `WebhookTelemetry`).
export { traceCarrierFrom } from './telemetry.js';

// Failures outside a request (queue and inbox workers), reported like the pipeline's own.
export { reportFailure } from './report.js';

// Node: an IncomingMessage in, a ServerResponse out, bounded raw-body reading.
export { fromNodeRequest, keptRawBody, readBodyStream, readStream, writeNodeResponse } from './node.js';
export type { BodyStreamOptions, NodeRequestOptions } from './node.js';

// Web standard: a Request in, a Response out.
export { fromWebRequest, readWebBody, toWebResponse } from './web.js';
export type { WebRequestOptions } from './web.js';

// Graceful shutdown of a Node HTTP server and the instances it serves (Express, Koa, @hono/node-server).
export { closeGracefully } from './lifecycle/close-server.js';
export type { CloseGracefullyOptions } from './lifecycle/close-server.js';

// Mount paths: one trailing slash does not matter.
export { otherSpelling, registerBothSpellings, samePath, withoutTrailingSlash } from './path.js';
