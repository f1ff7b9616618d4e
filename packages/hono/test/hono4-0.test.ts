/** The oldest Hono of the peer range (`^4.0.0`), installed under an alias, runs the same conformance suite. */
import { delivery, providerSet, runAdapterSuite, send } from '@finhooks/adapter-conformance';
import { Hono } from 'hono-4.0';
import { expect, it } from 'vitest';
import { webhooks } from '../src/index.js';
import { honoHarnesses, serveOnNode } from './harnesses.js';

for (const harness of honoHarnesses(Hono as never, 'hono 4.0.0')) runAdapterSuite(harness);

it('hono 4.0.0: after c.req.json() (cached parsed, not as text) → 500 body_already_parsed', async () => {
  const set = await providerSet();
  const app = new Hono();
  app.use(async (c, next) => {
    await c.req.json();
    await next();
  });
  app.post('/webhooks/atelio', webhooks(set.atelio) as never);
  const server = await serveOnNode(app);
  try {
    const response = await send(`${server.url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.code).toBe('body_already_parsed');
    expect(set.received).toHaveLength(0);
  } finally {
    await server.close();
  }
});
