import { runStoreConformance } from '@finhooks/core/testing';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type RedisStore, redisQueue, redisStore } from '../src/index.js';
import { killFixtures } from './support/processes.js';
import { type RedisCluster, startRedisCluster } from './support/redis-cluster.js';
import { uniqueName } from './support/redis.js';
import { checkQueueRetention, keysMatching } from './support/retention.js';
import { storeContention } from './support/store-contention.js';

/**
 * The store and queue mode on a real Redis Cluster of three masters, started (and stopped) here:
 * the store's scripts each touch one key, BullMQ's keys share the `{bull}` hash tag.
 */
let cluster: RedisCluster;
let client: Cluster;
const prefix = `${uniqueName('cluster-store')}:`;

beforeAll(async () => {
  cluster = await startRedisCluster();
  // maxRetriesPerRequest: null, as BullMQ workers require; the same client serves queue and worker.
  client = cluster.client({ redisOptions: { maxRetriesPerRequest: null } });
  await client.ping();
}, 90_000);

afterAll(async () => {
  await killFixtures();
  await client?.quit().catch(() => client.disconnect());
  await cluster?.stop();
});

runStoreConformance('redisStore on a Redis Cluster: the store contract', {
  describe,
  it,
  makeStore: ({ leaseTtl, ttl }) => redisStore({ client: cluster.client(), prefix, leaseTtl, ttl }),
  closeStore: async (store) => {
    await (store as RedisStore).client.quit();
  },
});

storeContention('redisStore on a Redis Cluster: two processes contending', () => ({
  CLUSTER_NODES: cluster.nodeList,
  PREFIX: prefix,
}));

describe('queue mode on a Redis Cluster', () => {
  it('spreads the store keys over the masters', async () => {
    const store = redisStore({ client, prefix });
    for (let i = 0; i < 30; i++) await store.claim(`spread:${i}`);
    const perNode = await Promise.all(client.nodes('master').map((node) => node.keys(`${prefix}spread:*`)));
    expect(perNode.filter((keys) => keys.length > 0).length).toBeGreaterThan(1);
  });

  it('runs events through the {bull} hash-tagged queue and gives every payload key a TTL', async () => {
    const queueName = uniqueName('cluster-queue');
    await checkQueueRetention({
      connection: client,
      inspect: client,
      queueName,
      keyPattern: `{bull}:${queueName}:*`,
      store: redisStore({ client, prefix }),
    });
    // Every key of the queue is on one slot, so BullMQ's multi-key scripts ran.
    const keys = await keysMatching(client, `{bull}:${queueName}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(keys.map((key) => client.cluster('KEYSLOT', key)))).size).toBe(1);
  });

  it('refuses a prefix without a hash tag on a cluster, with the fix in the message', async () => {
    expect(() => redisQueue({ connection: client, prefix: 'bull' })).toThrow(/hash tag, such as '\{bull\}'/);
    expect(() => createWorker(createWebhooksStub(), { connection: client, prefix: 'bull' })).toThrow(/hash tag/);
    await redisQueue({ connection: client, prefix: 'app', queueName: '{finhooks}' }).close();
  });
});

function createWebhooksStub(): Parameters<typeof createWorker>[0] {
  return { provider: { name: 'atelio' } } as Parameters<typeof createWorker>[0];
}
