import { runStoreConformance } from '@finhooks/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisStore, redisStore } from '../src/index.js';
import { killFixtures } from './support/processes.js';
import { connectRedis, deleteKeys, REDIS_URL, uniqueName } from './support/redis.js';
import { storeContention } from './support/store-contention.js';

let redis: Redis;
const prefix = `${uniqueName('store')}:`;

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await killFixtures();
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

runStoreConformance('redisStore: the store contract, on a real Redis', {
  describe,
  it,
  makeStore: ({ leaseTtl, ttl }) => redisStore({ connection: REDIS_URL, prefix, leaseTtl, ttl }),
  closeStore: (store) => (store as RedisStore).close(),
});

storeContention('redisStore: two processes contending, on a real Redis', () => ({ REDIS_URL, PREFIX: prefix }));

/** Claims `key` and returns the token (fails the test otherwise). */
async function claimed(store: RedisStore, key: string): Promise<string> {
  const claim = await store.claim(key);
  if (claim.status !== 'claimed') throw new Error(`expected a claim of ${key}, got ${claim.status}`);
  return claim.token;
}

describe('redisStore', () => {
  it('stores the claim as claim:<token> with the lease TTL, and done with the retention TTL', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix });
    try {
      const token = await claimed(store, 'atelio:a');
      expect(await redis.get(`${prefix}atelio:a`)).toBe(`claim:${token}`);
      expect(await redis.pttl(`${prefix}atelio:a`)).toBeGreaterThan(59_000);
      expect(await store.complete('atelio:a', token)).toBe('completed');
      expect(await redis.get(`${prefix}atelio:a`)).toBe('done');
      expect(await redis.pttl(`${prefix}atelio:a`)).toBeGreaterThan(71 * 60 * 60 * 1000);
      // A token crafted to look like the stored value of another state never matches.
      expect(await store.release('atelio:a', 'done')).toBe('lost');
      expect(await redis.get(`${prefix}atelio:a`)).toBe('done');
    } finally {
      await store.close();
    }
  });

  it('restarts the lease TTL on extend', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix, leaseTtl: 5000 });
    try {
      const token = await claimed(store, 'atelio:b');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await redis.pttl(`${prefix}atelio:b`)).toBeLessThan(4800);
      expect(await store.extend('atelio:b', token)).toBe('extended');
      expect(await redis.pttl(`${prefix}atelio:b`)).toBeGreaterThan(4800);
    } finally {
      await store.close();
    }
  });

  it('uses a client passed in as is, with its key prefix, and does not close it', async () => {
    const client = await connectRedis();
    try {
      const store = redisStore({ client, prefix });
      expect(store.client).toBe(client);
      expect((await store.claim('atelio:h')).status).toBe('claimed');
      expect(await redis.get(`${prefix}atelio:h`)).toMatch(/^claim:/);
      await store.close();
      expect(client.status).toBe('ready');
      expect(await client.ping()).toBe('PONG');

      const viaConnection = redisStore({ connection: client, prefix });
      await viaConnection.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('closes the client it opened', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix });
    expect((await store.claim('atelio:i')).status).toBe('claimed');
    await store.close();
    await expect(store.client.ping()).rejects.toThrow(/closed/i);
  });

  it('rejects promptly while Redis is unreachable (the pipeline answers 503)', async () => {
    const store = redisStore({ connection: 'redis://127.0.0.1:1', prefix });
    try {
      const started = Date.now();
      await expect(store.claim('atelio:j')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await store.close();
    }
  });

  it('refuses nonsense options', () => {
    expect(() => redisStore({ prefix })).toThrow(/connection.*client/);
    expect(() => redisStore({ connection: REDIS_URL, leaseTtl: 0 })).toThrow(/leaseTtl/);
    expect(() => redisStore({ connection: REDIS_URL, ttl: 1.5 })).toThrow(/ttl/);
  });
});
