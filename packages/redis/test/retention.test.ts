import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atelio, createWebhooks, memoryStore } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { countDeadLetters, createWorker, redisQueue } from '../src/index.js';
import { connectRedis, deleteQueue, REDIS_URL, uniqueName, waitFor } from './support/redis.js';
import { checkQueueRetention, payloadKeys } from './support/retention.js';

let redis: Redis;
const queueName = uniqueName('retention');
const customQueue = uniqueName('retention-custom');

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await deleteQueue(redis, queueName);
  await deleteQueue(redis, customQueue);
  redis.disconnect();
});

describe('queue mode retention', () => {
  it('gives every key that holds a payload a TTL, however idle the queue (default retention)', async () => {
    await checkQueueRetention({ connection: REDIS_URL, inspect: redis, queueName, keyPattern: `bull:${queueName}:*` });
  });

  it("follows the queue's removeOnComplete.age and removeOnFail.age", async () => {
    const provider = atelio({ secret: 'whsec_custom_retention_secret' });
    const queue = redisQueue({
      connection: REDIS_URL,
      queueName: customQueue,
      attempts: 1,
      removeOnComplete: { age: 120 },
      removeOnFail: { age: 600, count: 1000 },
    });
    const webhooks = createWebhooks({ provider, store: memoryStore(), queue, onError: () => undefined });
    webhooks.onEvent('kyc.verification.*', () => {
      throw new Error('poison');
    });
    const worker = createWorker(webhooks, { connection: REDIS_URL, queueName: customQueue, onError: () => undefined });
    try {
      for (const type of ['card.created', 'kyc.verification.success'] as const) {
        const request = await createTestRequest(provider, type, { name: 'custom-marker' });
        expect((await webhooks.handle(request)).status).toBe(200);
      }
      await waitFor(
        async () =>
          (await queue.queue.getCompletedCount()) === 1 &&
          (await countDeadLetters({ connection: REDIS_URL, queueName: customQueue })) === 1,
        'one completed job and one dead letter',
      );
      const keys = await payloadKeys(redis, `bull:${customQueue}:*`, 'custom-marker');
      const ttls = keys.map(({ pttl }) => pttl).sort((a, b) => a - b);
      expect(ttls).toHaveLength(2);
      expect(ttls[0]).toBeGreaterThan(100_000);
      expect(ttls[0]).toBeLessThanOrEqual(120_000);
      expect(ttls[1]).toBeGreaterThan(580_000);
      expect(ttls[1]).toBeLessThanOrEqual(600_000);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('refuses to keep jobs, and so payloads, forever', () => {
    expect(() => redisQueue({ connection: REDIS_URL, removeOnFail: false })).toThrow(
      /removeOnFail must be true or \{ age/,
    );
    expect(() => redisQueue({ connection: REDIS_URL, removeOnComplete: 100 })).toThrow(/removeOnComplete/);
    expect(() => redisQueue({ connection: REDIS_URL, removeOnComplete: { count: 10 } })).toThrow(/removeOnComplete/);
  });
});
