import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisQueue } from '../src/index.js';
import { connectRedis, deleteQueue, REDIS_URL, uniqueName } from './support/redis.js';
import { checkQueueRetention } from './support/retention.js';

let redis: Redis;
const queueName = uniqueName('retention');

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await deleteQueue(redis, queueName);
  redis.disconnect();
});

describe('queue mode retention', () => {
  it('gives every key that holds a payload a TTL, however idle the queue (default retention)', async () => {
    await checkQueueRetention({ connection: REDIS_URL, inspect: redis, queueName, keyPattern: `bull:${queueName}:*` });
  });

  it('refuses to keep jobs, and so payloads, forever', () => {
    expect(() => redisQueue({ connection: REDIS_URL, removeOnFail: false })).toThrow(
      /removeOnFail must be true or \{ age/,
    );
    expect(() => redisQueue({ connection: REDIS_URL, removeOnComplete: 100 })).toThrow(/removeOnComplete/);
    expect(() => redisQueue({ connection: REDIS_URL, removeOnComplete: { count: 10 } })).toThrow(/removeOnComplete/);
  });
});
