import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore } from '../src/index.js';
import { connectRedis, deleteKeys, REDIS_URL, uniqueName } from './support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: Redis;
const prefix = `${uniqueName('store')}:`;

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

describe('redisStore', () => {
  it('claims once, then answers in-flight until completed, then duplicate', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix });
    try {
      expect(await store.claim('atelio:a')).toBe('claimed');
      expect(await store.claim('atelio:a')).toBe('in-flight');
      await store.complete('atelio:a');
      expect(await store.claim('atelio:a')).toBe('duplicate');
      expect(await redis.pttl(`${prefix}atelio:a`)).toBeGreaterThan(71 * 60 * 60 * 1000);
    } finally {
      await store.close();
    }
  });

  it('forgets a released claim, so the retry is claimed again', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix });
    try {
      expect(await store.claim('atelio:b')).toBe('claimed');
      await store.release('atelio:b');
      expect(await redis.exists(`${prefix}atelio:b`)).toBe(0);
      expect(await store.claim('atelio:b')).toBe('claimed');
    } finally {
      await store.close();
    }
  });

  it("frees a crashed instance's claim when its lease expires", async () => {
    const crashed = redisStore({ connection: REDIS_URL, prefix, leaseTtl: 150 });
    const other = redisStore({ connection: REDIS_URL, prefix });
    try {
      expect(await crashed.claim('atelio:c')).toBe('claimed');
      expect(await other.claim('atelio:c')).toBe('in-flight');
      await sleep(250);
      expect(await other.claim('atelio:c')).toBe('claimed');
    } finally {
      await Promise.all([crashed.close(), other.close()]);
    }
  });

  it('keeps a completed key only for ttl', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix, ttl: 150 });
    try {
      expect(await store.claim('atelio:d')).toBe('claimed');
      await store.complete('atelio:d');
      expect(await store.claim('atelio:d')).toBe('duplicate');
      await sleep(250);
      expect(await store.claim('atelio:d')).toBe('claimed');
    } finally {
      await store.close();
    }
  });

  it('never lets an instance whose lease expired complete or release the claim another instance took since', async () => {
    const slow = redisStore({ connection: REDIS_URL, prefix, leaseTtl: 100 });
    const fast = redisStore({ connection: REDIS_URL, prefix });
    const third = redisStore({ connection: REDIS_URL, prefix });
    try {
      expect(await slow.claim('atelio:e')).toBe('claimed');
      await sleep(200);
      expect(await fast.claim('atelio:e')).toBe('claimed');

      await slow.release('atelio:e');
      expect(await third.claim('atelio:e')).toBe('in-flight');
      await slow.complete('atelio:e');
      expect(await third.claim('atelio:e')).toBe('in-flight');

      // The instance that holds the claim still decides: it fails and releases…
      await fast.release('atelio:e');
      expect(await third.claim('atelio:e')).toBe('claimed');
      await third.complete('atelio:e');
      expect(await fast.claim('atelio:e')).toBe('duplicate');
    } finally {
      await Promise.all([slow.close(), fast.close(), third.close()]);
    }
  });

  it('marks done when the own lease expired and nobody took the key (the handlers did succeed)', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix, leaseTtl: 100 });
    try {
      expect(await store.claim('atelio:f')).toBe('claimed');
      await sleep(200);
      await store.complete('atelio:f');
      expect(await store.claim('atelio:f')).toBe('duplicate');
    } finally {
      await store.close();
    }
  });

  it('gives exactly one of many simultaneous claims from separate clients', async () => {
    const stores = Array.from({ length: 5 }, () => redisStore({ connection: REDIS_URL, prefix }));
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => stores[i % stores.length]!.claim('atelio:g')),
      );
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r === 'in-flight')).toHaveLength(49);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('uses a client passed in as is, with its key prefix, and does not close it', async () => {
    const client = await connectRedis();
    try {
      const store = redisStore({ client, prefix });
      expect(store.client).toBe(client);
      expect(await store.claim('atelio:h')).toBe('claimed');
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
    expect(await store.claim('atelio:i')).toBe('claimed');
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
