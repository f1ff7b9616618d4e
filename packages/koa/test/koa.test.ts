import { ATELIO_SECRET, delivery, listenOnLoopback, providerSet, runAdapterSuite, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { bodyParser as koaBodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOW_TO_FIX, webhooks } from '../src/index.js';
import { koaHarnesses } from './harnesses.js';

for (const harness of koaHarnesses(Koa, 'koa')) runAdapterSuite(harness);

describe('koa: host body parsers and mounting', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function start(setup: (app: Koa) => void): Promise<string> {
    const app = new Koa();
    setup(app);
    const server = await listenOnLoopback(app.callback());
    close = server.close;
    return server.url;
  }

  /** Records whether the request stream was already consumed when the finhooks middleware was reached. */
  function streamState(seen: { consumed?: boolean }): Koa.Middleware {
    return async (ctx, next) => {
      seen.consumed = ctx.req.readableEnded;
      await next();
    };
  }

  it('verifies ctx.request.rawBody kept by koa-bodyparser mounted globally first', async () => {
    const set = await providerSet();
    const seen: { consumed?: boolean } = {};
    const url = await start((app) => {
      app.use(bodyParser());
      app.use(streamState(seen));
      app.use(webhooks({ path: '/webhooks/atelio', webhooks: set.atelio }));
    });
    const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status, response.body).toBe(200);
    expect(seen.consumed).toBe(true);
    expect(set.received).toHaveLength(1);
  });

  it('verifies ctx.request.rawBody kept by @koa/bodyparser mounted globally first', async () => {
    const set = await providerSet();
    const seen: { consumed?: boolean } = {};
    const url = await start((app) => {
      app.use(koaBodyParser());
      app.use(streamState(seen));
      app.use(webhooks({ path: '/webhooks/atomic', webhooks: set.atomic }));
    });
    const response = await send(`${url}/webhooks/atomic`, await delivery(set, 'atomic', 'task-status-updated'));
    expect(response.status, response.body).toBe(200);
    expect(seen.consumed).toBe(true);
    expect(set.received).toHaveLength(1);
  });

  it('still refuses a tampered body when a body parser kept the raw bytes', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      app.use(bodyParser());
      app.use(webhooks({ path: '/webhooks/atelio', webhooks: set.atelio }));
    });
    const req = await delivery(set, 'atelio', 'transactions');
    const response = await send(`${url}/webhooks/atelio`, { ...req, body: req.body.replace('{', '{ ') });
    expect(response.status).toBe(401);
    expect(set.received).toHaveLength(0);
  });

  it('answers 500 saying how to fix the order when a parser consumed the stream and kept nothing', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      // A minimal JSON parser that reads ctx.req itself and keeps only the parsed object.
      app.use(async (ctx, next) => {
        const chunks: Buffer[] = [];
        for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
        (ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        await next();
      });
      app.use(webhooks({ path: '/webhooks/atelio', webhooks: set.atelio }));
    });
    const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toContain(HOW_TO_FIX);
    expect(error.message).toMatch(/before the body parser/);
    expect(set.received).toHaveLength(0);
  });

  it('is unaffected by a global body parser for Moneyhub JWT deliveries (application/jwt is not parsed)', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      app.use(koaBodyParser());
      app.use(webhooks({ path: '/webhooks/moneyhub', webhooks: set.moneyhub }));
    });
    const response = await send(`${url}/webhooks/moneyhub`, await delivery(set, 'moneyhub', 'paymentCompleted'));
    expect(response.status, response.body).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('keeps the host app working: other paths fall through to next(), JSON routes and 404s are untouched', async () => {
    const set = await providerSet();
    const url = await start((app) => {
      const router = new Router();
      router.post('/api/echo', bodyParser(), (ctx) => {
        ctx.body = ctx.request.body;
      });
      app.use(webhooks({ path: '/webhooks/atelio', webhooks: set.atelio }));
      app.use(router.routes());
    });
    const echo = await send(`${url}/api/echo`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(echo.status).toBe(200);
    expect(JSON.parse(echo.body)).toEqual({ a: 1 });
    expect((await send(`${url}/webhooks/atelio/elsewhere`, await delivery(set, 'atelio', 'transactions'))).status).toBe(
      404,
    );
    expect((await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('creates its own instance from options, and answers on @koa/router router.post', async () => {
    const set = await providerSet();
    const handler = vi.fn();
    const url = await start((app) => {
      const router = new Router();
      router.post(
        '/hooks/atelio',
        webhooks({ provider: atelio({ secret: ATELIO_SECRET }), on: { transactions: handler } }),
      );
      app.use(router.routes());
    });
    expect((await send(`${url}/hooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect((await send(`${url}/hooks/other`, await delivery(set, 'atelio', 'transactions'))).status).toBe(404);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('exposes onEvent on the middleware, and one instance can serve two mounts', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const middleware = webhooks(hooks);
    const handler = vi.fn();
    const off = middleware.onEvent('card.*', handler);
    const url = await start((app) => {
      const router = new Router();
      router.all('/a', middleware);
      app.use(router.routes());
      app.use(webhooks({ path: '/b', webhooks: hooks }));
    });
    const first = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'first' });
    const second = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'second' });
    expect((await send(`${url}/a`, first)).status).toBe(200);
    expect((await send(`${url}/b`, second)).status).toBe(200);
    // The instance de-duplicates across both mounts.
    expect(JSON.parse((await send(`${url}/a`, second)).body)).toEqual({ received: true, duplicate: true });
    expect(middleware.webhooks).toBe(hooks);
    expect(handler).toHaveBeenCalledTimes(2);
    off();
    const third = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'third' });
    expect((await send(`${url}/b`, third)).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});
