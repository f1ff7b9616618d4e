import { createServer } from 'node:net';
import { atelio, createWebhooks } from '@finhooks/core';
import { afterAll, describe, expect, it } from 'vitest';
import { redisQueue, redisStore } from '../src/index.js';
import { connectRedis, deleteKeys, deleteQueue, REDIS_URL, uniqueName } from './support/redis.js';

/** `webhooks.health()` over the real Redis, and over a closed port (down within the timeout, no URL or password in it). */
const name = uniqueName('health');
const provider = atelio({ secret: 'whsec_redis_health_secret_0123456789' });

afterAll(async () => {
  const redis = await connectRedis();
  await deleteQueue(redis, name);
  await deleteKeys(redis, name);
  redis.disconnect();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('health', () => {
  it('is ok with Redis up: the store and the queue answer a PING', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix: `${name}:` });
    const queue = redisQueue({ connection: REDIS_URL, queueName: name });
    try {
      const report = await createWebhooks({ provider, store, queue }).health();
      expect(report.status).toBe('ok');
      expect(report.checks).toMatchObject({ store: { status: 'ok' }, queue: { status: 'ok' }, accepting: { status: 'ok' } });
    } finally {
      await Promise.all([store.close(), queue.close()]);
    }
  });

  it('is down within the timeout when Redis is a closed port, and the report quotes no URL or password', async () => {
    const url = `redis://:s3cret-pass@127.0.0.1:${await closedPort()}`;
    const store = redisStore({ connection: url, prefix: `${name}:` });
    const queue = redisQueue({ connection: url, queueName: name });
    try {
      const started = Date.now();
      const report = await createWebhooks({ provider, store, queue }).health({ timeout: 1000 });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(report.status).toBe('down');
      expect(report.checks.store).toMatchObject({ status: 'down', error: expect.any(String) });
      expect(report.checks.queue).toMatchObject({ status: 'down', error: expect.any(String) });
      expect(JSON.stringify(report)).not.toMatch(/s3cret|127\.0\.0\.1|redis:/);
    } finally {
      await Promise.all([store.close(), queue.close()]);
    }
  });
});
