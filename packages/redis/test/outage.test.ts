import { atelio, createWebhooks, type ErrorContext } from '@finhooks/core';
import { createTestRequest, type TestRequest } from '@finhooks/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorker, redisQueue, redisStore } from '../src/index.js';
import { serve } from './support/http.js';
import { connectRedis, deleteKeys, REDIS_URL, uniqueName, waitFor } from './support/redis.js';
import { type RedisServer, startRedisServer } from './support/redis-server.js';

const SECRET = 'whsec_outage_secret';
const provider = atelio({ secret: SECRET });
let redis: Redis;
let server: RedisServer;
const name = uniqueName('outage');

beforeAll(async () => {
  redis = await connectRedis();
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.stop();
  await deleteKeys(redis, name);
  redis.disconnect();
});

const post = (url: string, request: TestRequest) =>
  fetch(url, { method: 'POST', headers: request.headers, body: request.body });

/** Sends the same delivery again and again, as a retrying provider does, until it is answered 200. */
async function retryUntilAccepted(url: string, request: TestRequest): Promise<Response> {
  return waitFor(
    async () => {
      const response = await post(url, request);
      return response.status === 200 ? response : undefined;
    },
    'the redelivery to be accepted once Redis is back',
    15_000,
    250,
  );
}

/** Queue mode with store and queue on `storeUrl`/`queueUrl`, a worker counting handler runs per event id. */
async function queueMode(storeUrl: string, queueUrl: string, label: string) {
  const store = redisStore({ connection: storeUrl, prefix: `${name}:${label}:` });
  const queue = redisQueue({ connection: queueUrl, queueName: `${name}-${label}` });
  const errors: ErrorContext[] = [];
  const webhooks = createWebhooks({ provider, store, queue, onError: (_error, context) => void errors.push(context) });
  const runs = new Map<string, number>();
  webhooks.onAny((event) => void runs.set(event.id, (runs.get(event.id) ?? 0) + 1));
  const worker = createWorker(webhooks, {
    connection: queueUrl,
    queueName: `${name}-${label}`,
    onError: () => undefined,
  });
  const http = await serve(webhooks);
  return {
    url: http.url,
    errors,
    runs,
    async close() {
      await http.close();
      await worker.close();
      await Promise.all([queue.close(), store.close()]);
    },
  };
}

const deliveryOf = (second: number) =>
  createTestRequest(provider, 'card.created', { occurred_at: `2024-06-01T12:00:${String(second).padStart(2, '0')}Z` });
const idOf = (request: TestRequest) =>
  provider.identify(JSON.parse(request.body) as Record<string, unknown>, request).id;

it('answers 503 within Moneyhub’s 5 s while Redis is down, and processes the retry once it is back', async () => {
  const app = await queueMode(server.url, server.url, 'all');
  try {
    const before = await deliveryOf(1);
    expect((await post(app.url, before)).status).toBe(200);
    await waitFor(() => app.runs.get(idOf(before)) === 1, 'the first event to be processed');

    await server.stop();
    const during = await deliveryOf(2);
    const started = Date.now();
    const refused = await post(app.url, during);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');

    await server.start();
    const accepted = await retryUntilAccepted(app.url, during);
    expect(await accepted.json()).toEqual({ received: true });
    await waitFor(() => app.runs.get(idOf(during)) === 1, 'the retried event to be processed after the outage', 15_000);
    // The provider may retry again: it is a duplicate, the handlers do not run twice.
    expect(await (await post(app.url, during)).json()).toEqual({ received: true, duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.runs.get(idOf(during))).toBe(1);
    expect(app.errors.map((e) => e.code)).toContain('store_unavailable');
  } finally {
    await app.close();
  }
});

it('answers 503 queue_unavailable when only the queue’s Redis is down, releasing the claim so the retry is processed', async () => {
  const app = await queueMode(REDIS_URL, server.url, 'queue');
  try {
    await server.stop();
    const delivery = await deliveryOf(3);
    const started = Date.now();
    const refused = await post(app.url, delivery);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('queue_unavailable');
    expect(app.errors).toContainEqual(
      expect.objectContaining({ code: 'queue_unavailable', status: 503, eventId: idOf(delivery) }),
    );

    await server.start();
    await retryUntilAccepted(app.url, delivery);
    await waitFor(() => app.runs.get(idOf(delivery)) === 1, 'the retried event to be processed', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.runs.get(idOf(delivery))).toBe(1);
  } finally {
    await app.close();
  }
});
