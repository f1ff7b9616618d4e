import { ATELIO_SECRET, delivery, listenOnLoopback, type Mount, providerSet, runAdapterSuite, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import express5 from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhooks } from '../src/index.js';

type ExpressFactory = typeof express5;
const versions: Array<[string, ExpressFactory]> = [
  ['express 5', express5],
  ['express 4', express4],
];

for (const [name, express] of versions) {
  runAdapterSuite({
    name,
    async start(mounts: readonly Mount[]) {
      const app = express();
      for (const { path, webhooks: instance } of mounts) app.use(path, webhooks(instance));
      return listenOnLoopback(app);
    },
  });

  describe(`${name}: host body parsers and mounting`, () => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await close?.();
      close = undefined;
    });

    async function start(setup: (app: ReturnType<ExpressFactory>) => void) {
      const server = await listenOnLoopback((() => {
        const app = express();
        setup(app);
        return app;
      })());
      close = server.close;
      return server.url;
    }

    it('verifies the raw bytes kept by express.json({ verify }) mounted globally first', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use(express.json({ verify: (req, _res, buf) => void ((req as unknown as { rawBody: Buffer }).rawBody = buf) }));
        app.use('/webhooks/atelio', webhooks(set.atelio));
      });
      const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
      expect(response.status, response.body).toBe(200);
      expect(set.received).toHaveLength(1);
    });

    it('verifies the Buffer left by express.raw() mounted first', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use(express.raw({ type: '*/*' }));
        app.use('/webhooks/atelio', webhooks(set.atelio));
      });
      expect((await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    });

    it('answers 500 saying how to fix the order when express.json() consumed the body and kept nothing', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use(express.json());
        app.use('/webhooks/atelio', webhooks(set.atelio));
      });
      const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body).error).toMatchObject({ code: 'body_already_parsed', message: expect.stringMatching(/before express\.json\(\)/) });
      expect(set.received).toHaveLength(0);
    });

    it('is unaffected by express.json() for Moneyhub JWT deliveries (application/jwt is not parsed)', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use(express.json());
        app.use('/webhooks/moneyhub', webhooks(set.moneyhub));
      });
      expect((await send(`${url}/webhooks/moneyhub`, await delivery(set, 'moneyhub', 'paymentCompleted'))).status).toBe(200);
    });

    it('keeps the host app working: its JSON routes and 404s are untouched', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use('/webhooks/atelio', webhooks(set.atelio));
        app.post('/api/echo', express.json(), (req, res) => void res.json(req.body));
      });
      const echo = await send(`${url}/api/echo`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(echo.body).toBe('{"a":1}');
      expect((await send(`${url}/webhooks/atelio/elsewhere`, await delivery(set, 'atelio', 'transactions'))).status).toBe(404);
    });

    it('answers on its own path with the path option, and falls through elsewhere', async () => {
      const set = await providerSet();
      const url = await start((app) => {
        app.use(webhooks({ path: '/hooks/atelio', provider: atelio({ secret: ATELIO_SECRET }), on: { transactions: () => undefined } }));
        app.use((_req, res) => void res.status(418).end());
      });
      expect((await send(`${url}/hooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
      expect((await send(`${url}/hooks/atelio/`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
      expect((await send(`${url}/hooks/atelio/?attempt=2`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
      expect((await send(`${url}/hooks/other`, await delivery(set, 'atelio', 'transactions'))).status).toBe(418);
      expect((await send(`${url}/hooks/atelio/x`, await delivery(set, 'atelio', 'transactions'))).status).toBe(418);
    });

    it('exposes onEvent on the middleware, and one instance can serve two mounts', async () => {
      const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
      const middleware = webhooks(hooks);
      const handler = vi.fn();
      middleware.onEvent('card.*', handler);
      const url = await start((app) => {
        app.use('/a', middleware);
        app.use('/b', webhooks(hooks));
      });
      const first = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'first' });
      const second = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'second' });
      expect((await send(`${url}/a`, first)).status).toBe(200);
      expect((await send(`${url}/b`, second)).status).toBe(200);
      expect(middleware.webhooks).toBe(hooks);
      expect(handler).toHaveBeenCalledTimes(2);
    });
  });
}
