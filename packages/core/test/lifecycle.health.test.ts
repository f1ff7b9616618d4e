import { createServer } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  atelio,
  createWebhooks,
  healthResponse,
  type IdempotencyStore,
  memoryStore,
  moneyhub,
  type WebhookQueue,
} from '../src/index.js';
import { listen } from './support/http-server.js';

/** `webhooks.health()` and `healthResponse`: real key servers on loopback, a closed port, checks that hang. */
const SECRET = 'whsec_lifecycle_health_secret_0123456789';
let publicJwk: JWK;
beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
});

/** A loopback port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A store whose health check takes `ms` (or never answers) and honours the abort signal. */
function storeAnswering(ms: number | 'never'): IdempotencyStore {
  const store = memoryStore();
  return {
    ...store,
    health: (signal) =>
      new Promise<void>((resolve, reject) => {
        if (ms !== 'never') setTimeout(resolve, ms);
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
  };
}

describe('webhooks.health()', () => {
  it('is ok with the memory store: accepting and store checked, nothing else applies', async () => {
    const report = await createWebhooks({ provider: atelio({ secret: SECRET }) }).health();
    expect(report.status).toBe('ok');
    expect(Object.keys(report.checks).sort()).toEqual(['accepting', 'store']);
    expect(report.checks.store).toMatchObject({ status: 'ok' });
    expect(report.checks.store!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('checks the queue, and leaves out a dependency without a health method', async () => {
    const queue: WebhookQueue = { enqueue: async () => undefined, health: async () => Promise.reject(Object.assign(new Error('redis://:hunter2@10.0.0.1 refused'), { code: 'ECONNREFUSED' })) };
    const { health: _, ...storeWithoutHealth } = memoryStore();
    const report = await createWebhooks({ provider: atelio({ secret: SECRET }), queue, store: storeWithoutHealth }).health();
    expect(report).toEqual({
      status: 'down',
      checks: { accepting: { status: 'ok', durationMs: 0 }, queue: { status: 'down', durationMs: expect.any(Number), error: 'ECONNREFUSED' } },
    });
    // The code only: never the message, which may quote a URL and its password.
    expect(JSON.stringify(report)).not.toMatch(/hunter2|10\.0\.0\.1/);
  });

  it('is down with error "timeout" within the timeout when a check hangs, and degraded when it is slow', async () => {
    const hanging = createWebhooks({ provider: atelio({ secret: SECRET }), store: storeAnswering('never') });
    const started = Date.now();
    const report = await hanging.health({ timeout: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(report.status).toBe('down');
    expect(report.checks.store).toMatchObject({ status: 'down', error: 'timeout' });

    const slow = createWebhooks({ provider: atelio({ secret: SECRET }), store: storeAnswering(200) });
    const degraded = await slow.health({ timeout: 1000, degradedAfter: 100 });
    expect(degraded.status).toBe('degraded');
    expect(degraded.checks.store).toMatchObject({ status: 'degraded' });
  });

  it('checks Moneyhub keys: ok when given, ok when the JWKS loads, down (with its code) when the key server is a closed port', async () => {
    const pinned = moneyhub({ jwks: { keys: [publicJwk] }, allowAnyAudience: true });
    expect((await createWebhooks({ provider: pinned }).health()).checks.keys).toMatchObject({ status: 'ok' });

    const server = await listen((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    try {
      const fetched = moneyhub({ jwksUri: `${server.url}/jwks`, allowAnyAudience: true });
      const report = await createWebhooks({ provider: fetched }).health();
      expect(report.status).toBe('ok');
      expect(report.checks.keys).toMatchObject({ status: 'ok' });
    } finally {
      await server.close();
    }

    const lines: string[] = [];
    const port = await closedPort();
    const unreachable = moneyhub({ jwksUri: `http://127.0.0.1:${port}/jwks`, allowAnyAudience: true });
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      const started = Date.now();
      const report = await createWebhooks({ provider: unreachable }).health({ timeout: 2000 });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(report.status).toBe('down');
      expect(report.checks.keys).toMatchObject({ status: 'down', error: 'key_set_unavailable' });
    } finally {
      console.error = original;
    }
  });

  it('reports accepting: down once close() was called', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    await hooks.close();
    const report = await hooks.health();
    expect(report.status).toBe('down');
    expect(report.checks.accepting).toEqual({ status: 'down', durationMs: 0, error: 'shutting_down' });
  });
});

describe('healthResponse', () => {
  it('answers 200 with every instance up, 503 when one is down, as no-store JSON', async () => {
    const a = createWebhooks({ provider: atelio({ secret: SECRET }), name: 'atelio-eu' });
    const b = createWebhooks({ provider: atelio({ secret: SECRET }), name: 'atelio-us', store: storeAnswering('never') });
    const up = await healthResponse(a);
    expect(up.status).toBe(200);
    expect(up.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(JSON.parse(up.body)).toMatchObject({ status: 'ok', instances: { 'atelio-eu': { status: 'ok' } } });

    const down = await healthResponse([a, b], { timeout: 200 });
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({
      status: 'down',
      instances: { 'atelio-eu': { status: 'ok' }, 'atelio-us': { status: 'down', checks: { store: { error: 'timeout' } } } },
    });
  });

  it('refuses a bad timeout with a TypeError', async () => {
    await expect(createWebhooks({ provider: atelio({ secret: SECRET }) }).health({ timeout: 0 })).rejects.toThrow(TypeError);
  });
});
