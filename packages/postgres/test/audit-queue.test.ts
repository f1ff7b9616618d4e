/**
 * The audit trail in queue mode (`@finhooks/redis`: Redis store + BullMQ queue, not the inbox):
 * real HTTP deliveries to a receiver, a real BullMQ worker running the handlers, real Redis and
 * PostgreSQL. Each run uses its own schema, store prefix and queue names, removed at the end.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { createTestRequest, type TestRequest } from '@finhooks/core/testing';
import { createWorker, type RedisQueue, type RedisStore, redisQueue, redisStore } from '@finhooks/redis';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, postgresAudit } from '../src/index.js';
import { type RunningServer, serve, waitFor } from './support/http.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'whsec_tidy_audit_queue_secret_0123';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('tidy_audit_queue');
const name = `finhooks-tidy-audit-queue-${process.pid}-${randomUUID().slice(0, 8)}`;
let pool: pg.Pool;
const stores: RedisStore[] = [];
const queues: RedisQueue[] = [];
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pool = await connectPool(undefined, 4);
  await migrate(pool, { schema });
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  for (const queue of queues) {
    await queue.queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
  for (const store of stores) {
    const keys = await store.client.keys(`${name}:*`);
    if (keys.length > 0) await store.client.del(...keys);
    await store.close();
  }
  await dropSchema(pool, schema);
  await pool.end();
});

interface Row {
  instance: string;
  event_id: string | null;
  event_type: string | null;
  status: number;
  outcome: string;
  verification: string;
  error_code: string | null;
  attempt: number | null;
  raw_body: Buffer | null;
}

async function rows(instance: string): Promise<Row[]> {
  const result = await pool.query<Row>(
    `SELECT instance, event_id, event_type, status, outcome, verification, error_code, attempt, raw_body
       FROM "${schema}".audit_deliveries WHERE instance = $1 ORDER BY id`,
    [instance],
  );
  return result.rows;
}

/** Queue mode as a web process runs it, audited; the queue's Redis at `queueUrl`. */
async function queueMode(instance: string, queueUrl: string) {
  const store = redisStore({ connection: REDIS_URL, prefix: `${name}:${instance}:` });
  stores.push(store);
  const queue = redisQueue({
    connection: queueUrl,
    queueName: `${name}-${instance}`,
    enqueueTimeout: 1000,
    onError: () => undefined,
  });
  if (queueUrl === REDIS_URL) queues.push(queue);
  else closers.push(() => queue.close());
  const audit = postgresAudit(pool, { schema, flushInterval: 50, rawBodyRetention: 3_600_000 });
  closers.push(() => audit.close());
  const webhooks = createWebhooks({
    name: instance,
    provider,
    store,
    queue,
    onDelivery: audit,
    onError: () => undefined,
  });
  const http: RunningServer = await serve(webhooks);
  closers.push(() => http.close());
  return { webhooks, audit, url: http.url };
}

const post = async (url: string, request: { headers: Record<string, string>; body: string }) => {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  await response.arrayBuffer();
  return response.status;
};

const delivery = (): Promise<TestRequest> =>
  createTestRequest(provider, 'card.created', { occurred_at: `${new Date().toISOString()}#${randomUUID()}` });
const idOf = (request: TestRequest) =>
  provider.identify(JSON.parse(request.body) as Record<string, unknown>, request).id;

it('records what the receiver answered in queue mode: accepted (raw body kept), duplicate, refused; the worker runs the event once', async () => {
  const instance = 'atelio-queue';
  const app = await queueMode(instance, REDIS_URL);
  const ran: WebhookEvent[] = [];
  app.webhooks.onAny((event) => void ran.push(event));
  const worker = createWorker(app.webhooks, {
    connection: REDIS_URL,
    queueName: `${name}-${instance}`,
    onError: () => undefined,
  });
  closers.push(() => worker.close());

  const request = await delivery();
  expect(await post(app.url, request)).toBe(200);
  expect(await post(app.url, request)).toBe(200);
  // Signed with another secret (node:crypto, as Atelio's Bond-Signature): refused, never stored.
  const t = Math.floor(Date.now() / 1000);
  const forged = createHmac('sha256', 'whsec_not_the_secret').update(`${t}.${request.body}`).digest('hex');
  expect(
    await post(app.url, {
      headers: { ...request.headers, 'bond-signature': `t=${t},v2=${forged}` },
      body: request.body,
    }),
  ).toBe(401);

  await waitFor(async () => ran.length === 1, 15_000, 'the worker to run the queued event');
  await app.audit.flush();
  const recorded = await rows(instance);
  const eventId = idOf(request);
  expect(recorded).toHaveLength(3);
  expect(recorded[0]).toMatchObject({
    event_id: eventId,
    event_type: 'card.created',
    status: 200,
    outcome: 'accepted',
    verification: 'passed',
    error_code: null,
    attempt: 1,
  });
  expect(recorded[0]!.raw_body?.toString('utf8')).toBe(request.body);
  expect(recorded[1]).toMatchObject({ event_id: eventId, outcome: 'duplicate', status: 200, attempt: 2 });
  expect(recorded[2]).toMatchObject({
    event_id: null,
    outcome: 'refused',
    status: 401,
    verification: 'failed',
    attempt: null,
    raw_body: null,
  });
  // The job ran once: the duplicate was never enqueued.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(ran.map((event) => event.id)).toEqual([eventId]);
});

it('records a delivery the queue could not take as failed (503 queue_unavailable), without its body, and its retry as accepted', async () => {
  const instance = 'atelio-queue-down';
  // Nothing listens on port 1: every enqueue fails within enqueueTimeout.
  const down = await queueMode(instance, 'redis://127.0.0.1:1');
  const request = await delivery();
  expect(await post(down.url, request)).toBe(503);
  await down.audit.flush();
  const [failed] = await rows(instance);
  expect(failed).toMatchObject({
    event_id: idOf(request),
    status: 503,
    outcome: 'failed',
    verification: 'passed',
    error_code: 'queue_unavailable',
    attempt: 1,
    raw_body: null,
  });
  // The provider retries once the queue is back (the claim was released): accepted, attempt 2.
  const back = await queueMode(instance, REDIS_URL);
  expect(await post(back.url, request)).toBe(200);
  await back.audit.flush();
  expect((await rows(instance)).map(({ outcome, attempt, status }) => ({ outcome, attempt, status }))).toEqual([
    { outcome: 'failed', attempt: 1, status: 503 },
    { outcome: 'accepted', attempt: 2, status: 200 },
  ]);
});
