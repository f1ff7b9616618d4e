/**
 * What `@finhooks/next` resolves to in the Edge runtime (`edge-light` condition): the App Router
 * handlers only. The Pages Router helpers read Node streams (`@finhooks/core`'s Node entry), which
 * the Edge runtime refuses even when unused.
 */
export { webhooks } from './app-router.js';
export type { NextWebhooks, RouteHandler } from './app-router.js';
