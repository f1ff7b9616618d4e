import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ATELIO_SECRET, delivery, type Mount, providerSet, runAdapterSuite, send, sendDeclaredOversize } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks, type ErrorContext, memoryStore } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import finhooks, { HOW_TO_FIX } from '../src/index.js';

async function listen(app: FastifyInstance): Promise<{ url: string; close: () => Promise<void> }> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

runAdapterSuite({
  name: 'fastify',
  async start(mounts: readonly Mount[]) {
    const app = Fastify();
    for (const { path, webhooks } of mounts) await app.register(finhooks, { path, webhooks });
    return listen(app);
  },
});

describe('fastify: plugin behaviour on a host app', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(setup: (app: FastifyInstance) => Promise<void> | void, options: FastifyServerOptions = {}): Promise<string> {
    app = Fastify(options);
    await setup(app);
    return (await listen(app)).url;
  }

  const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

  it("keeps the host's JSON routes, parsers and error format, registered before and after the plugin", async () => {
    const set = await providerSet();
    const url = await start(async (host) => {
      host.post('/api/before', async (request) => ({ echoed: request.body }));
      await host.register(finhooks, { path: '/webhooks/atelio', webhooks: set.atelio });
      host.post('/api/echo', async (request) => ({ echoed: request.body }));
    });
    for (const route of ['/api/before', '/api/echo']) {
      const echo = await send(`${url}${route}`, { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(echo.status, echo.body).toBe(200);
      expect(JSON.parse(echo.body)).toEqual({ echoed: { a: 1 } });
      // Fastify's own parsers and errors still apply there, not ours.
      const bad = await send(`${url}${route}`, { headers: { 'content-type': 'application/json' }, body: '{"a":' });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toMatchObject({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
      const jwt = await send(`${url}${route}`, { headers: { 'content-type': 'application/jwt' }, body: 'a.b.c' });
      expect(jwt.status).toBe(415);
    }
    expect((await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect(set.received).toHaveLength(1);
  });

  it('registers two instances of one provider side by side under their names, and refuses a clashing name at startup', async () => {
    const eu = vi.fn();
    const us = vi.fn();
    const url = await start(async (host) => {
      await host.register(finhooks, { path: '/eu', name: 'atelio-eu', provider: atelio({ secret: ATELIO_SECRET }) });
      await host.register(finhooks, { path: '/us', name: 'atelio-us', provider: atelio({ secret: 'whsec_another0123456789' }) });
      host.finhooks.get('atelio-eu').onEvent('card.*', eu);
      host.finhooks.get('atelio-us').onEvent('card.*', us);
    });
    expect(app!.finhooks.names()).toEqual(['atelio-eu', 'atelio-us']);
    const signedForEu = await createTestRequest(atelio({ secret: ATELIO_SECRET }), 'card.created', { occurred_at: 'eu' });
    expect((await send(`${url}/eu`, signedForEu)).status).toBe(200);
    expect((await send(`${url}/us`, signedForEu)).status).toBe(401);
    expect(eu).toHaveBeenCalledTimes(1);
    expect(us).not.toHaveBeenCalled();

    const clashing = Fastify();
    await clashing.register(finhooks, { path: '/a', provider: atelio({ secret: ATELIO_SECRET }) });
    await expect(clashing.register(finhooks, { path: '/b', provider: atelio({ secret: ATELIO_SECRET }) })).rejects.toThrow(
      /an instance named "atelio" is already registered on this Fastify app\. Give each registration its own `name` option/,
    );
    await clashing.close();
  });

  it('exposes the instances as app.finhooks: onEvent through the decoration runs on delivery; unknown names fail clearly', async () => {
    const set = await providerSet();
    const handler = vi.fn();
    const url = await start(async (host) => {
      await host.register(finhooks, { path: '/webhooks/atomic', webhooks: set.atomic });
      await host.register(finhooks, { path: '/webhooks/moneyhub', webhooks: set.moneyhub });
    });
    expect(app!.finhooks.get('atomic')).toBe(set.atomic);
    expect(app!.finhooks.has('moneyhub')).toBe(true);
    app!.finhooks.get('atomic').onEvent('task-status-updated', handler);
    const req = await delivery(set, 'atomic', 'task-status-updated');
    expect((await send(`${url}/webhooks/atomic`, req)).status).toBe(200);
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ type: 'task-status-updated', payload: JSON.parse(req.body) }));
    expect(() => app!.finhooks.get('atelio')).toThrow('no instance named "atelio" is registered on this Fastify app (registered: "atomic", "moneyhub")');
  });

  it("uses Fastify's bodyLimit when the plugin gives none, answering 413 in finhooks' format (declared or chunked)", async () => {
    const errors: ErrorContext[] = [];
    const set = await providerSet();
    const url = await start(
      async (host) => {
        await host.register(finhooks, { path: '/small', provider: atelio({ secret: ATELIO_SECRET }), onError: (_error, context) => void errors.push(context) });
        await host.register(finhooks, { path: '/large', name: 'large', provider: atelio({ secret: ATELIO_SECRET }), bodyLimit: 16 * 1024 });
      },
      { bodyLimit: 4096 },
    );
    expect(app!.finhooks.get('atelio').bodyLimit).toBe(4096);
    const big = await delivery(set, 'atelio', 'transactions', { padding: 'x'.repeat(8 * 1024) });
    const declared = await send(`${url}/small`, big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared.body)).toEqual({ code: 'payload_too_large', message: expect.stringContaining('limit of 4096 bytes') });

    // Without Content-Length, Fastify's reader hits the limit (FST_ERR_CTP_BODY_TOO_LARGE): same answer.
    const { 'content-length': _, ...headers } = big.headers;
    const chunked = await send(`${url}/small`, { headers: { ...headers, 'transfer-encoding': 'chunked' }, body: big.body });
    expect(chunked.status).toBe(413);
    expect(chunked.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(errorOf(chunked.body)).toEqual({ code: 'payload_too_large', message: expect.stringContaining('limit of 4096 bytes') });
    expect(errors.map((e) => [e.status, e.code])).toEqual([
      [413, 'payload_too_large'],
      [413, 'payload_too_large'],
    ]);

    // The plugin's own bodyLimit wins over Fastify's, declared or chunked.
    expect((await send(`${url}/large`, big)).status).toBe(200);
    const again = await delivery(set, 'atelio', 'transactions', { padding: 'x'.repeat(8 * 1024) });
    const { 'content-length': __, ...againHeaders } = again.headers;
    expect((await send(`${url}/large`, { headers: { ...againHeaders, 'transfer-encoding': 'chunked' }, body: again.body })).status).toBe(200);
  });

  it('refuses a wrong content type before Fastify reads the body, and reports it once to onError', async () => {
    const errors: ErrorContext[] = [];
    const url = await start(async (host) => {
      await host.register(finhooks, { path: '/hooks', provider: atelio({ secret: ATELIO_SECRET }), onError: (_error, context) => void errors.push(context) });
    });
    // 100 kB declared, a few bytes sent: an answer proves nobody waited for the rest of the body.
    expect(await sendDeclaredOversize(`${url}/hooks`, { 'content-type': 'text/plain' }, 100_000)).toBe(415);
    expect(errors).toEqual([{ provider: 'atelio', instance: 'atelio', status: 415, code: 'unsupported_media_type' }]);
  });

  it("leaves errors from the host's own hooks to the host's error handler", async () => {
    const set = await providerSet();
    const url = await start(async (host) => {
      host.addHook('preHandler', async (request) => {
        if (request.headers['x-block'] !== undefined) throw Object.assign(new Error('blocked by host'), { statusCode: 403 });
      });
      await host.register(finhooks, { path: '/webhooks/atelio', webhooks: set.atelio });
    });
    const req = await delivery(set, 'atelio', 'transactions');
    const blocked = await send(`${url}/webhooks/atelio`, { ...req, headers: { ...req.headers, 'x-block': '1' } });
    expect(blocked.status).toBe(403);
    expect(JSON.parse(blocked.body)).toMatchObject({ statusCode: 403, message: 'blocked by host' });
    expect((await send(`${url}/webhooks/atelio`, req)).status).toBe(200);
  });

  it('answers 500 body_already_parsed when a host hook replaced request.body', async () => {
    const set = await providerSet();
    const url = await start(async (host) => {
      host.addHook('preValidation', async (request) => {
        if (Buffer.isBuffer(request.body)) request.body = JSON.parse(request.body.toString('utf8'));
      });
      await host.register(finhooks, { path: '/webhooks/atelio', webhooks: set.atelio });
    });
    const response = await send(`${url}/webhooks/atelio`, await delivery(set, 'atelio', 'transactions'));
    expect(response.status).toBe(500);
    expect(errorOf(response.body)).toEqual({ code: 'body_already_parsed', message: expect.stringContaining(HOW_TO_FIX) });
    expect(set.received).toHaveLength(0);
  });

  it('honours the register prefix, answers every method on its route (405 Allow: POST) and refuses a missing path', async () => {
    const set = await providerSet();
    const url = await start(async (host) => {
      await host.register(finhooks, { prefix: '/v1', path: '/hooks', webhooks: set.atelio });
    });
    expect((await send(`${url}/v1/hooks`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
    expect((await send(`${url}/hooks`, await delivery(set, 'atelio', 'transactions'))).status).toBe(404);
    for (const method of ['GET', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await send(`${url}/v1/hooks`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(errorOf(response.body).code).toBe('method_not_allowed');
    }

    const misconfigured = Fastify();
    const missingPath = { provider: atelio({ secret: ATELIO_SECRET }) } as unknown as { path: string; provider: ReturnType<typeof atelio> };
    await expect(misconfigured.register(finhooks, missingPath)).rejects.toThrow('the `path` option is required and must start with "/"');
    await misconfigured.close();
  });

  it('two registrations of one provider sharing a store each process the same event: store keys are prefixed by their name', async () => {
    const store = memoryStore();
    const eu = vi.fn();
    const us = vi.fn();
    const url = await start(async (host) => {
      await host.register(finhooks, { path: '/eu', name: 'atelio-eu', store, provider: atelio({ secret: ATELIO_SECRET }) });
      await host.register(finhooks, { path: '/us', name: 'atelio-us', store, provider: atelio({ secret: ATELIO_SECRET }) });
      host.finhooks.get('atelio-eu').onEvent('card.*', eu);
      host.finhooks.get('atelio-us').onEvent('card.*', us);
    });
    expect(app!.finhooks.get('atelio-us').name).toBe('atelio-us');
    const req = await createTestRequest(atelio({ secret: ATELIO_SECRET }), 'card.created');
    expect(JSON.parse((await send(`${url}/eu`, req)).body)).toEqual({ received: true });
    expect(JSON.parse((await send(`${url}/us`, req)).body)).toEqual({ received: true });
    expect(JSON.parse((await send(`${url}/us`, req)).body)).toEqual({ received: true, duplicate: true });
    expect(eu).toHaveBeenCalledOnce();
    expect(us).toHaveBeenCalledOnce();
    expect(us.mock.calls[0]![0].instance).toBe('atelio-us');
  });

  it.each<[string, FastifyServerOptions]>([
    ['default routing', {}],
    ['routerOptions.ignoreTrailingSlash', { routerOptions: { ignoreTrailingSlash: true } }],
  ])('answers the path with and without a trailing slash, under a prefix too (%s)', async (_name, options) => {
    const set = await providerSet();
    const url = await start(async (host) => {
      await host.register(finhooks, { prefix: '/v1', path: '/hooks', webhooks: set.atelio });
      await host.register(finhooks, { path: '/webhooks/atomic/', webhooks: set.atomic });
    }, options);
    for (const path of ['/v1/hooks', '/v1/hooks/']) {
      expect((await send(`${url}${path}`, await delivery(set, 'atelio', 'transactions'))).status, path).toBe(200);
    }
    for (const path of ['/webhooks/atomic', '/webhooks/atomic/']) {
      expect((await send(`${url}${path}`, await delivery(set, 'atomic', 'task-status-updated'))).status, path).toBe(200);
    }
    expect(set.received).toHaveLength(4);
  });

  it('one createWebhooks instance can serve Fastify and a second mount, de-duplicating across both', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const handler = vi.fn();
    hooks.onEvent('card.*', handler);
    const url = await start(async (host) => {
      await host.register(finhooks, { path: '/a', webhooks: hooks });
      await host.register(finhooks, { path: '/b', name: 'again', webhooks: hooks });
    });
    const req = await createTestRequest(hooks.provider, 'card.created', { occurred_at: 'shared' });
    expect((await send(`${url}/a`, req)).status).toBe(200);
    expect(JSON.parse((await send(`${url}/b`, req)).body)).toEqual({ received: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('fastify: CommonJS build', () => {
  const dist = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));

  it('require() gives the plugin itself, with .default and the named export, and it registers', async () => {
    expect(existsSync(dist), `${dist} is missing: run the package build (tsup) before the tests`).toBe(true);
    const script = `
      const finhooks = require(${JSON.stringify(dist)});
      const { atelio } = require('@finhooks/core');
      const app = require('fastify')();
      app.register(finhooks, { path: '/hooks', provider: atelio({ secret: 'whsec_cjs_secret_01' }) });
      app.ready().then(() => {
        console.log(JSON.stringify({
          callable: typeof finhooks,
          defaultIsPlugin: finhooks.default === finhooks,
          namedIsPlugin: finhooks.finhooks === finhooks,
          meta: finhooks[Symbol.for('plugin-meta')],
          names: app.finhooks.names(),
        }));
        return app.close();
      });
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(JSON.parse(stdout)).toEqual({
      callable: 'function',
      defaultIsPlugin: true,
      namedIsPlugin: true,
      meta: { fastify: '5.x', name: '@finhooks/fastify' },
      names: ['atelio'],
    });
  });
});
