import { atelio, createWebhooks, type IdempotencyStore, memoryStore } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import type { Cluster, Redis } from 'ioredis';
import { expect } from 'vitest';
import {
  countDeadLetters,
  createWorker,
  DEFAULT_COMPLETED_RETENTION_S,
  DEFAULT_DEAD_LETTER_RETENTION_S,
  type RedisConnection,
  listDeadLetters,
  purgeDeadLetters,
  redisQueue,
  replayDeadLetters,
} from '../../src/index.js';
import { waitFor } from './redis.js';

/** Every key matching `pattern` on every master (one server, or each node of a cluster). */
export async function keysMatching(client: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = 'isCluster' in client && client.isCluster ? (client as Cluster).nodes('master') : [client as Redis];
  const keys: string[] = [];
  for (const node of nodes) {
    for await (const batch of node.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>)
      keys.push(...batch);
  }
  return keys;
}

/** Whether the key's value, whatever its type, contains `marker`. */
async function holds(client: Redis | Cluster, key: string, marker: string): Promise<boolean> {
  const type = await client.type(key);
  let content: unknown;
  if (type === 'string') content = await client.get(key);
  else if (type === 'hash') content = await client.hgetall(key);
  else if (type === 'list') content = await client.lrange(key, 0, -1);
  else if (type === 'set') content = await client.smembers(key);
  else if (type === 'zset') content = await client.zrange(key, 0, -1);
  else if (type === 'stream') content = await client.xrange(key, '-', '+');
  else if (type === 'none') return false;
  else throw new Error(`Unexpected key type ${type} for ${key}`);
  return JSON.stringify(content).includes(marker);
}

/** Each key under `pattern` whose value contains `marker`, with its PTTL. */
export async function payloadKeys(
  client: Redis | Cluster,
  pattern: string,
  marker: string,
): Promise<Array<{ key: string; pttl: number }>> {
  const found: Array<{ key: string; pttl: number }> = [];
  for (const key of await keysMatching(client, pattern)) {
    if (await holds(client, key, marker)) found.push({ key, pttl: await client.pttl(key) });
  }
  return found;
}

const SECRET = 'whsec_retention_test_secret';

/**
 * Queue mode with the default retention, over `connection` (one server or a cluster): processes 4
 * events and dead-letters 3, stops the worker, leaves the queue idle, then reads the PTTL of every
 * key under the queue's prefix that holds a payload. Replay and purge keep the rule.
 */
export async function checkQueueRetention(options: {
  readonly connection: RedisConnection;
  readonly inspect: Redis | Cluster;
  readonly queueName: string;
  readonly keyPattern: string;
  /** The web process's store (default: in memory). */
  readonly store?: IdempotencyStore;
}): Promise<void> {
  const { connection, inspect, queueName } = options;
  const provider = atelio({ secret: SECRET });
  const marker = `personal-${queueName}`;
  const queue = redisQueue({ connection, queueName, attempts: 2, backoff: 10 });
  const webhooks = createWebhooks({
    provider,
    store: options.store ?? memoryStore(),
    queue,
    onError: () => undefined,
  });
  let handlerRunning: (() => void) | undefined;
  const running = new Promise<void>((resolve) => (handlerRunning = resolve));
  let unblock!: () => void;
  const blocked = new Promise<void>((resolve) => (unblock = resolve));
  webhooks.onEvent('card.created', async (event) => {
    if ((event.payload as { slow?: boolean }).slow) {
      handlerRunning?.();
      await blocked;
    }
  });
  webhooks.onEvent('kyc.verification.*', () => {
    throw new Error('poison');
  });
  const worker = createWorker(webhooks, { connection, queueName, onError: () => undefined });
  const deadLetterOptions = { connection, queueName };
  try {
    const send = async (type: 'card.created' | 'kyc.verification.success', extra: Record<string, unknown> = {}) => {
      const request = await createTestRequest(provider, type, {
        name: marker,
        occurred_at: new Date(Date.now() + Math.random() * 1e9).toISOString(),
        ...extra,
      });
      expect((await webhooks.handle(request)).status).toBe(200);
    };

    // While the handlers run, the job's key already expires (set when the attempt started): a
    // worker that dies now leaves a TTL behind, never a payload kept forever.
    await send('card.created', { slow: true });
    await running;
    const during = await payloadKeys(inspect, options.keyPattern, marker);
    expect(during).toHaveLength(1);
    expect(during[0]!.pttl).toBeGreaterThan((DEFAULT_DEAD_LETTER_RETENTION_S - 60) * 1000);
    unblock();

    for (let i = 0; i < 3; i++) await send('card.created');
    for (let i = 0; i < 3; i++) await send('kyc.verification.success');
    await waitFor(
      async () => (await queue.queue.getCompletedCount()) === 4 && (await countDeadLetters(deadLetterOptions)) === 3,
      'every event to be processed or dead-lettered',
      20_000,
    );
    await worker.close();
    // Idle: no job finishes any more, so BullMQ trims nothing by age.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const keys = await payloadKeys(inspect, options.keyPattern, marker);
    expect(keys).toHaveLength(7);
    const completed = new Set(await queue.queue.getRanges(['completed'], 0, -1, true));
    for (const { key, pttl } of keys) {
      const jobId = key.slice(key.lastIndexOf(':') + 1);
      const limit = (completed.has(jobId) ? DEFAULT_COMPLETED_RETENTION_S : DEFAULT_DEAD_LETTER_RETENTION_S) * 1000;
      expect(pttl, `${key} must expire`).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(limit);
      expect(pttl).toBeGreaterThan(limit - 60_000);
    }
    expect(keys.filter(({ key }) => completed.has(key.slice(key.lastIndexOf(':') + 1)))).toHaveLength(4);

    // A replayed dead letter gets a fresh TTL; a purged one is gone with its payload.
    const [first, second, ...rest] = await listDeadLetters(deadLetterOptions);
    expect(rest).toHaveLength(1);
    await inspect.pexpire(`${keys[0]!.key.slice(0, keys[0]!.key.lastIndexOf(':'))}:${first!.jobId}`, 5000);
    expect((await replayDeadLetters({ ...deadLetterOptions, jobIds: [first!.jobId] })).replayed).toEqual([
      first!.jobId,
    ]);
    const replayed = await payloadKeys(inspect, options.keyPattern, marker);
    const replayedKey = replayed.find(({ key }) => key.endsWith(`:${first!.jobId}`));
    expect(replayedKey?.pttl).toBeGreaterThan((DEFAULT_DEAD_LETTER_RETENTION_S - 60) * 1000);

    expect(await purgeDeadLetters({ ...deadLetterOptions, jobIds: [second!.jobId, 'no-such-job'] })).toEqual({
      purged: [second!.jobId],
      skipped: [{ jobId: 'no-such-job', reason: 'no such job' }],
    });
    const left = await payloadKeys(inspect, options.keyPattern, marker);
    expect(left.map(({ key }) => key)).not.toContain(keys.find(({ key }) => key.endsWith(`:${second!.jobId}`))?.key);
    expect(left).toHaveLength(6);
    for (const { pttl } of left) expect(pttl).toBeGreaterThan(0);
    expect((await purgeDeadLetters(deadLetterOptions)).purged).toHaveLength(1);
    expect(await countDeadLetters(deadLetterOptions)).toBe(0);
  } finally {
    unblock();
    await worker.close();
    await queue.close();
  }
}
