import { redisStore } from '@finhooks/redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killServers, post, REDIS_URL, signedDelivery, startServer } from '../../express/test/support/shutdown.js';

/**
 * Graceful shutdown of a real Fastify app process (`app.close()` on SIGTERM) whose
 * store is the real Redis: the state each shutdown leaves is read back from Redis.
 */
const FIXTURE = new URL('./fixtures/shutdown-server.mjs', import.meta.url);
const PREFIX = `finhooks-test:health-fastify:${process.pid}:${Date.now()}:`;
const store = redisStore({ connection: REDIS_URL, prefix: PREFIX });
const state = (id: string) => store.client.get(`${PREFIX}atelio:${id}`);

afterEach(killServers);
afterAll(async () => {
  const keys = await store.client.keys(`${PREFIX}*`);
  if (keys.length > 0) await store.client.del(...keys);
  await store.close();
});

describe('Fastify app process on SIGTERM (app.close(): the plugin drains in preClose)', { timeout: 60_000 }, () => {
  it('finishes the delivery in flight with 200, refuses new ones (503 or connection refused), exits 0 within the deadline', async () => {
    const app = await startServer(FIXTURE, { PREFIX, HANDLER_MS: '1500', CLOSE_MS: '10000' });
    const inFlight = post(app.url, signedDelivery());
    const id = (await app.line('START ')).slice('START '.length);
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const late = await post(app.url, signedDelivery());
    // Fastify answers it 503 itself once closing (`return503OnClosing`), before finhooks sees it.
    if (late !== 'refused') expect(late.status).toBe(503);
    const answered = await inFlight;
    expect(answered).not.toBe('refused');
    expect(answered !== 'refused' && [answered.status, answered.json]).toEqual([200, { received: true }]);
    expect(await app.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(app.lines).toContain(`END ${id}`);
    expect(app.lines).toContain('CLOSED');
    expect(app.lines.filter((line) => line.startsWith('START '))).toHaveLength(1);
    expect(await state(id)).toBe('done');
  });

  it('past the deadline: the delivery is answered 503 shutting_down, its claim released (not done), exit 0; the redelivery to the next process runs it', async () => {
    const delivery = signedDelivery();
    const app = await startServer(FIXTURE, { PREFIX, HANDLER_MS: '60000', CLOSE_MS: '500' });
    const inFlight = post(app.url, delivery);
    const id = (await app.line('START ')).slice('START '.length);
    expect(await state(id)).toMatch(/^claim:/);
    const signalled = Date.now();
    app.child.kill('SIGTERM');

    const answered = await inFlight;
    expect(answered !== 'refused' && [answered.status, answered.headers.get('retry-after'), answered.json.error?.code]).toEqual([503, '5', 'shutting_down']);
    expect(await app.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(app.lines).not.toContain(`END ${id}`);
    expect(app.lines).toContain('CLOSED');
    expect(await state(id)).toBeNull();

    // The provider retries: the next process takes the claim at once (not after the 60 s lease).
    const next = await startServer(FIXTURE, { PREFIX, HANDLER_MS: '0', CLOSE_MS: '1000' });
    const again = await post(next.url, delivery);
    expect(again !== 'refused' && [again.status, again.json]).toEqual([200, { received: true }]);
    expect(next.lines).toContain(`END ${id}`);
    expect(await state(id)).toBe('done');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });
});
