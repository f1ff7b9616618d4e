import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { killFixtures } from './processes.js';
import { connectRedis, deleteKeys, deleteQueue } from './redis.js';

export interface FixtureScope {
  /** A client of the shared Redis, connected before the file's tests run. */
  readonly redis: Redis;
}

/**
 * The lifecycle of a test file whose fixtures (servers, workers in child processes) share Redis:
 * connects before its tests; afterwards kills every fixture still running, then deletes the
 * given BullMQ queues and every key under `name` (the file's `uniqueName`).
 */
export function useFixtureScope(name: string, queues: readonly string[] = []): FixtureScope {
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = await connectRedis();
  });
  afterAll(async () => {
    await killFixtures();
    if (!redis) return;
    for (const queue of queues) await deleteQueue(redis, queue);
    await deleteKeys(redis, name);
    redis.disconnect();
  });
  return {
    get redis() {
      if (!redis) throw new Error('useFixtureScope: Redis is used before beforeAll connected it.');
      return redis;
    },
  };
}
