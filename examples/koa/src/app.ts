import Router from '@koa/router';
import Koa from 'koa';
import { atelioWebhooks } from './webhooks/atelio.js'; // @provider atelio
import { atomicWebhooks } from './webhooks/atomic.js'; // @provider atomic
import { moneyhubWebhooks } from './webhooks/moneyhub.js'; // @provider moneyhub

/**
 * Koa with @koa/router: each provider's middleware is mounted with `router.all`, so other methods
 * get finhooks' 405 (with `Allow: POST`) rather than the router's.
 */
export function createApp(): Koa {
  const router = new Router();
  router.all('/webhooks/atomic', atomicWebhooks); // @provider atomic
  router.all('/webhooks/moneyhub', moneyhubWebhooks); // @provider moneyhub
  router.all('/webhooks/atelio', atelioWebhooks); // @provider atelio
  router.get('/health', (ctx) => {
    ctx.body = { ok: true };
  });

  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  return app;
}
