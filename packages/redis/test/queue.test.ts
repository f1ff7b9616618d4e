import { atelio, atomic, createWebhooks, memoryStore, type WebhookEvent } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, deserializeEvent, jobIdFor, listDeadLetters, redisQueue, serializeEvent } from '../src/index.js';
import { connectRedis, deleteQueue, REDIS_URL, uniqueName, waitFor } from './support/redis.js';

const SECRET = 'whsec_queue';
const provider = atelio({ secret: SECRET });
let redis: Redis;
const queues: string[] = [];

function queueName(label: string): string {
  const name = uniqueName(label);
  queues.push(name);
  return name;
}

function event(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    provider: 'atelio',
    id: 'card.created:2024-05-01T10:00:00.123Z',
    type: 'card.created',
    occurredAt: '2024-05-01T10:00:00.123Z',
    receivedAt: new Date('2024-05-01T10:00:01.456Z'),
    known: true,
    payload: { event: 'card.created', card_id: 'c1', nested: { list: [1, 'two', null] } },
    ...overrides,
  };
}

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  for (const name of queues) await deleteQueue(redis, name);
  redis.disconnect();
});

describe('job data', () => {
  it('round-trips an event, receivedAt as an ISO string in the job and a Date again in the worker', () => {
    const original = event();
    const data = serializeEvent(original);
    expect(data.receivedAt).toBe('2024-05-01T10:00:01.456Z');
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    const back = deserializeEvent(JSON.parse(JSON.stringify(data)));
    expect(back).toEqual(original);
    expect(back.receivedAt).toBeInstanceOf(Date);
  });

  it('refuses data that is not an event as unrecoverable', () => {
    expect(() => deserializeEvent({ provider: 'atelio' })).toThrow(
      expect.objectContaining({ name: 'UnrecoverableError' }),
    );
    expect(() => deserializeEvent({ ...serializeEvent(event()), receivedAt: 'yesterday' })).toThrow(
      /not a finhooks event/,
    );
  });

  it('derives a job id BullMQ accepts from provider and event id', () => {
    expect(jobIdFor(event())).toBe('atelio/card.created%3A2024-05-01T10%3A00%3A00.123Z');
    expect(jobIdFor({ provider: 'atelio', id: '42' })).not.toMatch(/^\d+$/);
    expect(jobIdFor({ provider: 'a', id: 'b/c' })).not.toBe(jobIdFor({ provider: 'a/b', id: 'c' }));
  });
});

describe('redisQueue', () => {
  it('stores the event durably with the configured retries; a second enqueue of the same event adds nothing', async () => {
    const name = queueName('enqueue');
    const queue = redisQueue({
      connection: REDIS_URL,
      queueName: name,
      attempts: 4,
      backoff: { type: 'exponential', delay: 250 },
    });
    try {
      await queue.enqueue(event());
      await queue.enqueue(event());
      expect(await queue.queue.getWaitingCount()).toBe(1);
      const [job] = await queue.queue.getWaiting();
      expect(job?.id).toBe(jobIdFor(event()));
      expect(job?.name).toBe('atelio/card.created');
      expect(job?.opts.attempts).toBe(4);
      expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 250 });
      expect(job?.data).toEqual(serializeEvent(event()));
      await queue.enqueue(event({ id: 'card.created:2024-05-01T10:00:00.999Z' }));
      expect(await queue.queue.getWaitingCount()).toBe(2);
    } finally {
      await queue.close();
    }
  });

  it('hands workers the event as it was received: same fields, receivedAt a Date', async () => {
    const name = queueName('roundtrip');
    const queue = redisQueue({ connection: REDIS_URL, queueName: name });
    const webhooks = createWebhooks({ provider });
    const received: WebhookEvent[] = [];
    webhooks.onEvent('card.*', (e) => void received.push(e));
    const worker = createWorker(webhooks, { connection: REDIS_URL, queueName: name });
    try {
      await queue.enqueue(event());
      await waitFor(() => received.length === 1, 'the worker to run the handler');
      expect(received[0]).toEqual(event());
      expect(received[0]?.receivedAt).toBeInstanceOf(Date);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('routes each event to the instance of its provider when several share the queue; an unknown provider is dead-lettered at once', async () => {
    const name = queueName('providers');
    const queue = redisQueue({ connection: REDIS_URL, queueName: name, attempts: 5 });
    const atelioHooks = createWebhooks({ provider, store: memoryStore(), queue });
    const atomicProvider = atomic({ secret: 'atomic_queue' });
    const atomicHooks = createWebhooks({ provider: atomicProvider, store: memoryStore(), queue });
    const seen: string[] = [];
    atelioHooks.onAny((e) => void seen.push(`atelio-instance ${e.provider} ${e.type}`));
    atomicHooks.onAny((e) => void seen.push(`atomic-instance ${e.provider} ${e.type}`));
    expect(() =>
      createWorker([atelioHooks, createWebhooks({ provider })], { connection: REDIS_URL, queueName: name }),
    ).toThrow(/two webhooks instances for provider "atelio"/);
    const worker = createWorker([atelioHooks, atomicHooks], { connection: REDIS_URL, queueName: name });
    try {
      expect((await atelioHooks.handle(await createTestRequest(provider, 'card.created'))).status).toBe(200);
      expect((await atomicHooks.handle(await createTestRequest(atomicProvider, 'task-status-updated'))).status).toBe(
        200,
      );
      await queue.enqueue(event({ provider: 'other', id: 'x1', type: 'thing' }));
      await waitFor(() => seen.length === 2, 'both events to be handled');
      expect(seen.sort()).toEqual([
        'atelio-instance atelio card.created',
        'atomic-instance atomic task-status-updated',
      ]);
      const letters = await waitFor(async () => {
        const list = await listDeadLetters({ connection: REDIS_URL, queueName: name });
        return list.length === 1 ? list : undefined;
      }, 'the unknown provider to be dead-lettered');
      expect(letters[0]).toMatchObject({ provider: 'other', eventId: 'x1', attempts: 1 });
      expect(letters[0]?.failedReason).toMatch(/no webhooks instance for provider "other"/);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('rejects within enqueueTimeout when Redis is unreachable, and can still be closed', async () => {
    const queue = redisQueue({ connection: 'redis://127.0.0.1:1', queueName: queueName('down'), enqueueTimeout: 800 });
    const started = Date.now();
    await expect(queue.enqueue(event())).rejects.toThrow(/within 800 ms/);
    expect(Date.now() - started).toBeLessThan(1500);
    await queue.close();
  });

  it('makes the pipeline answer 503 queue_unavailable and release the claim when the enqueue fails', async () => {
    const store = memoryStore();
    const queue = redisQueue({ connection: 'redis://127.0.0.1:1', queueName: queueName('down'), enqueueTimeout: 500 });
    const webhooks = createWebhooks({ provider, store, queue, onError: () => undefined });
    try {
      const request = await createTestRequest(provider, 'card.created');
      const response = await webhooks.handle(request);
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body).error.code).toBe('queue_unavailable');
      const identity = provider.identify(JSON.parse(request.body) as Record<string, unknown>, request);
      expect((await store.claim(`atelio:${identity.id}`)).status).toBe('claimed');
    } finally {
      await queue.close();
    }
  });
});
