import Fastify, { type FastifyInstance } from 'fastify';
import { registerAtelioWebhooks } from './webhooks/atelio.js'; // @provider atelio
import { registerAtomicWebhooks } from './webhooks/atomic.js'; // @provider atomic
import { registerMoneyhubWebhooks } from './webhooks/moneyhub.js'; // @provider moneyhub

/**
 * Fastify: one plugin registration per provider. The plugin's raw-body parser is scoped to its own
 * route: the app's JSON routes parse JSON as usual.
 */
export async function createApp(): Promise<FastifyInstance> {
  const app = Fastify();
  await registerAtomicWebhooks(app); // @provider atomic
  await registerMoneyhubWebhooks(app); // @provider moneyhub
  await registerAtelioWebhooks(app); // @provider atelio

  app.post('/api/echo', async (request) => request.body); // the app's own JSON route, unaffected
  app.get('/health', async () => ({ ok: true }));
  return app;
}
