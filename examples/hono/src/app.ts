import { Hono } from 'hono';
import { atelioWebhooks } from './webhooks/atelio.js'; // @provider atelio
import { atomicWebhooks } from './webhooks/atomic.js'; // @provider atomic
import { moneyhubWebhooks } from './webhooks/moneyhub.js'; // @provider moneyhub

/**
 * Hono, not strict (a path with a trailing slash is the path, as in every finhooks adapter). Each
 * provider's handler is mounted with `app.all`, so other methods get finhooks' 405 (with
 * `Allow: POST`) rather than Hono's 404.
 */
export function createApp(): Hono {
  const app = new Hono({ strict: false });
  app.all('/webhooks/atomic', atomicWebhooks); // @provider atomic
  app.all('/webhooks/moneyhub', moneyhubWebhooks); // @provider moneyhub
  app.all('/webhooks/atelio', atelioWebhooks); // @provider atelio
  app.get('/health', (c) => c.json({ ok: true }));
  return app;
}
