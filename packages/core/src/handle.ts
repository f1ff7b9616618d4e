/**
 * Transitional: the pipeline moved to `pipeline.ts` and these types to `request.ts`; `node.ts` and
 * `web.ts` still import them from here. Delete this file once they import from `request.js`.
 */
export type { StreamedRequest, WebhookResponse } from './request.js';
