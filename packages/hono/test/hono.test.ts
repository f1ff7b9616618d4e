import { ATELIO_SECRET, delivery, providerSet, runAdapterSuite, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOW_TO_FIX, webhooks } from '../src/index.js';
import { honoHarnesses, serveOnNode } from './harnesses.js';

for (const harness of honoHarnesses(Hono, 'hono')) runAdapterSuite(harness);

describe('hono: body read before the handler, and mounting', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function start(setup: (app: Hono) => void, app = new Hono()): Promise<string> {
    setup(app);
    const server = await serveOnNode(app);
    close = server.close;
    return server.url;
  }

  /** Records whether the body of the raw Request was already read when the finhooks handler was reached. */
  const bodyState = (seen: { used?: boolean }) => async (c: { req: { raw: Request } }, next: () => Promise<void>) => {
    seen.used = c.req.raw.bodyUsed;
    await next();
  };

  it.each([
    ['c.req.json() (recent Hono keeps the text)', (c: { req: { json(): Promise<unknown> } }) => c.req.json()],
    ['c.req.text()', (c: { req: { text(): Promise<string> } }) => c.req.text()],
    ['c.req.arrayBuffer()', (c: { req: { arrayBuffer(): Promise<ArrayBuffer> } }) => c.req.arrayBuffer()],
  ])('verifies the bytes Hono kept when a middleware read the body first with %s', async (_name, read) => {
    const set = await providerSet();
    const seen: { used?: boolean } = {};
    const url = await start((app) => {
      app.use(async (c, next) => {
        await read(c as never);
        await next();
      });
      app.use(bodyState(seen));
      app.post('/webhooks/atelio', webhooks(set.atelio));
    });
    const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status, response.body).toBe(200);
    expect(seen.used).toBe(true);
    expect(set.received).toHaveLength(1);
  });

  it('after hono/validator("json"): still verifies the kept bytes, and refuses a tampered body with 401', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      app.post(
        '/webhooks/atelio',
        validator('json', (value) => value),
        webhooks(set.atelio),
      );
    });
    const req = await delivery(set, 'atelio', 'transactions');
    expect((await send(`${url}/webhooks/atelio`, { ...req, body: req.body.replace('{', '{ ') })).status).toBe(401);
    expect((await send(`${url}/webhooks/atelio`, req)).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('answers 500 body_already_parsed saying how to fix the order when the body was read and Hono kept no bytes', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      // A middleware reading the raw Request itself: Hono's cache holds nothing.
      app.use(async (c, next) => {
        await c.req.raw.json();
        await next();
      });
      app.all('/webhooks/atelio', webhooks(set.atelio));
    });
    const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toContain(HOW_TO_FIX);
    expect(set.received).toHaveLength(0);
  });

  it('answers 413 when the bytes a middleware kept are over bodyLimit', async () => {
    const set = await providerSet({ bodyLimit: 512 });
    const url = await start((app) => {
      app.use(async (c, next) => {
        await c.req.text();
        await next();
      });
      app.all('/webhooks/atelio', webhooks(set.atelio));
    });
    const req = await delivery(set, 'atelio', 'transactions', { padding: 'x'.repeat(1024) });
    const { 'content-length': _, ...headers } = req.headers;
    const response = await send(`${url}/webhooks/atelio`, {
      headers: { ...headers, 'transfer-encoding': 'chunked' },
      body: req.body,
    });
    expect(response.status).toBe(413);
    expect(set.received).toHaveLength(0);
  });

  it('keeps the host app working: other paths go to next(), JSON routes and 404s are untouched', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      app.use(webhooks({ path: '/webhooks/atelio', webhooks: set.atelio }));
      app.post('/api/echo', async (c) => c.json(await c.req.json()));
    });
    const echo = await send(`${url}/api/echo`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect([echo.status, JSON.parse(echo.body)]).toEqual([200, { a: 1 }]);
    expect((await send(`${url}/webhooks/atelio/elsewhere`, await delivery(set, 'atelio', 'transactions'))).status).toBe(
      404,
    );
    expect((await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('with the path option, compares the full path: basePath and app.route prefixes included', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      const api = new Hono().basePath('/api');
      api.use(webhooks({ path: '/api/webhooks/atelio', webhooks: set.atelio }));
      app.route('/', api);
    });
    expect((await send(`${url}/api/webhooks/atelio/`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it("app.post on a strict (default) Hono: only POST and the exact path reach finhooks; the rest is Hono's 404", async () => {
    const set = await providerSet();
    const url = await start((app) => {
      app.post('/webhooks/atelio', webhooks(set.atelio));
    });
    const req = await delivery(set, 'atelio', 'transactions');
    expect((await send(`${url}/webhooks/atelio/`, req)).status).toBe(404);
    expect((await send(`${url}/webhooks/atelio`, { ...req, method: 'PUT' })).status).toBe(404);
    expect((await send(`${url}/webhooks/atelio`, req)).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('creates its own instance from options; exposes onEvent; one instance can serve two mounts', async () => {
    const handler = vi.fn();
    const own = webhooks({ provider: atelio({ secret: ATELIO_SECRET }), on: { 'card.*': handler } });
    const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const shared = webhooks(hooks);
    const onShared = vi.fn();
    const off = shared.onEvent('card.*', onShared);
    const url = await start((app) => {
      app.post('/own', own);
      app.post('/a', shared);
      app.use(webhooks({ path: '/b', webhooks: hooks }));
    });
    expect((await send(`${url}/own`, await createTestRequest(own.webhooks.provider, 'card.created'))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);

    const first = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'first' });
    const second = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'second' });
    expect((await send(`${url}/a`, first)).status).toBe(200);
    expect((await send(`${url}/b`, second)).status).toBe(200);
    // The instance de-duplicates across both mounts.
    expect(JSON.parse((await send(`${url}/a`, second)).body)).toEqual({ received: true, duplicate: true });
    expect(shared.webhooks).toBe(hooks);
    expect(onShared).toHaveBeenCalledTimes(2);
    off();
    expect(
      (await send(`${url}/b`, await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'third' })))
        .status,
    ).toBe(200);
    expect(onShared).toHaveBeenCalledTimes(2);
  });
});
