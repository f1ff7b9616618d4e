export { webhooks } from './app-router.js';
export type { NextWebhooks, RouteHandler } from './app-router.js';
export { PAGES_HOW_TO_FIX, pagesWebhooks } from './pages-router.js';
export type { PagesApiRequest, PagesWebhooks } from './pages-router.js';
