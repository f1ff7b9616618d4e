import { createHmac } from 'node:crypto';
import { atelio, createWebhooks, type WebhookEvent, type Webhooks } from '@finhooks/core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, MARK_KEY_PREFIX, type RedisStore, redisQueue, redisStore } from '../src/index.js';
import { serve } from './support/http.js';
import { connectRedis, deleteKeys, deleteQueue, REDIS_URL, uniqueName, waitFor } from './support/redis.js';

/**
 * The stale-event guard on a real Redis, over real HTTP: two instances (each its own store client,
 * as two processes would have) receive many deliveries about one card at once, in shuffled order.
 */
const SECRET = 'whsec_stale_guard_redis_0123456789';
const name = uniqueName('stale');
const prefix = `${name}:`;
const T0 = Date.UTC(2026, 0, 1, 12);
let redis: Redis;
const stores: RedisStore[] = [];

beforeAll(async () => {
  redis = await connectRedis();
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

/** Bond-Signature v2 written out with node:crypto (no finhooks signer). */
function signedHeaders(body: string): Record<string, string> {
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'bond-signature': `t=${t},v1=${'0'.repeat(64)},v2=${v2}` };
}

/** A `card.status.*` event of `card` at T0 + `offset` s (distinct offsets: distinct events). */
function cardBody(card: string, offset: number, type = 'card.status.active'): string {
  return JSON.stringify({
    event: type,
    card: { card_id: card, status: 'Active', last_four: '3351' },
    occurred_at: new Date(T0 + offset * 1000).toISOString().replace('Z', '000+00:00'),
  });
}

function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Two instances of one app (same name), each with its own Redis client, served over HTTP. */
async function twoInstances(mode: 'mark' | 'skip') {
  const seen: WebhookEvent[] = [];
  const instances = await Promise.all(
    [0, 1].map(async () => {
      const store = redisStore({ connection: REDIS_URL, prefix });
      stores.push(store);
      const hooks: Webhooks = createWebhooks({
        provider: atelio({ secret: SECRET }),
        store,
        staleEvents: mode,
        on: { '*': (event) => void seen.push(event) },
      });
      return serve(hooks);
    }),
  );
  const post = async (i: number, body: string) => {
    const response = await fetch(instances[i % 2]!.url, { method: 'POST', headers: signedHeaders(body), body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const close = () => Promise.all(instances.map((instance) => instance.close()));
  return { seen, post, close };
}

const offsetOf = (event: WebhookEvent) => (Date.parse(event.occurredAt!.replace(/(\.\d{3})\d+/, '$1')) - T0) / 1000;

describe('staleEvents on redisStore', () => {
  it('marks exactly the deliveries older than a mark already seen, across two instances at once; the mark ends at the max', async () => {
    const { seen, post, close } = await twoInstances('mark');
    const card = `card-${name}`;
    try {
      // Wave 1: 40 events at once, shuffled. Who is stale depends on arrival order, but only in
      // one way: a stale event always has a later one that was marked (not stale) before it.
      const wave1 = shuffled(Array.from({ length: 40 }, (_, i) => i));
      const answers1 = await Promise.all(wave1.map((offset, i) => post(i, cardBody(card, offset))));
      expect(answers1.every((a) => a.status === 200 && a.body.received === true && !('duplicate' in a.body))).toBe(
        true,
      );
      expect(seen).toHaveLength(40);
      const latest1 = seen.filter((e) => !e.stale).map(offsetOf);
      for (const event of seen) {
        expect(typeof event.stale).toBe('boolean');
        if (event.stale) expect(latest1.some((offset) => offset > offsetOf(event))).toBe(true);
      }
      expect(seen.find((e) => offsetOf(e) === 39)?.stale).toBe(false);
      const markKey = `${prefix}${MARK_KEY_PREFIX}atelio:${JSON.stringify(['card', card])}`;
      expect(await redis.get(markKey)).toBe(String(T0 + 39_000));
      expect(await redis.pttl(markKey)).toBeGreaterThan(71 * 60 * 60 * 1000);

      // Wave 2: 40 more at once (another type: other events), 20 before the mark and 20 after it.
      // The 20 before are stale whatever the order; the latest of the 20 after is not.
      seen.length = 0;
      const wave2 = shuffled(Array.from({ length: 40 }, (_, i) => 20 + i));
      await Promise.all(wave2.map((offset, i) => post(i, cardBody(card, offset, 'card.status.closed'))));
      expect(seen).toHaveLength(40);
      for (const event of seen) {
        if (offsetOf(event) < 39) expect(event.stale, `offset ${offsetOf(event)}`).toBe(true);
        if (offsetOf(event) === 59) expect(event.stale).toBe(false);
      }
      const latest2 = seen.filter((e) => !e.stale).map(offsetOf);
      for (const event of seen.filter((e) => e.stale)) {
        expect([39, ...latest2].some((offset) => offset > offsetOf(event))).toBe(true);
      }
      expect(await redis.get(markKey)).toBe(String(T0 + 59_000));

      // Sequential probes: an equal time is not stale, an older one is, a later one advances the mark.
      seen.length = 0;
      await post(0, cardBody(card, 59, 'card.status.reissue'));
      await post(1, cardBody(card, 58, 'card.status.reissue'));
      await post(0, cardBody(card, 60, 'card.status.reissue'));
      expect(seen.map((e) => [offsetOf(e), e.stale])).toEqual([
        [59, false],
        [58, true],
        [60, false],
      ]);
      expect(await redis.get(markKey)).toBe(String(T0 + 60_000));
    } finally {
      await close();
    }
  });

  it('skips the handlers of stale deliveries in skip mode and answers {received, stale}', async () => {
    const { seen, post, close } = await twoInstances('skip');
    const card = `skip-${name}`;
    try {
      const offsets = shuffled(Array.from({ length: 30 }, (_, i) => i));
      const answers = await Promise.all(offsets.map((offset, i) => post(i, cardBody(card, offset))));
      const skipped = answers.filter((a) => a.body.stale === true);
      for (const answer of answers) expect(answer.status).toBe(200);
      expect(seen.length + skipped.length).toBe(30);
      for (const event of seen) expect(event.stale).toBe(false);
      expect(seen.some((e) => offsetOf(e) === 29)).toBe(true);
      expect(await post(0, cardBody(card, 5, 'card.status.lost'))).toEqual({
        status: 200,
        body: { received: true, stale: true },
      });
    } finally {
      await close();
    }
  });

  it('hands queue workers the verdict made at receive time', async () => {
    const queueName = `${name}-queue`;
    const store = redisStore({ connection: REDIS_URL, prefix });
    stores.push(store);
    const queue = redisQueue({ connection: REDIS_URL, queueName });
    const receiver = createWebhooks({ provider: atelio({ secret: SECRET }), store, queue, staleEvents: 'mark' });
    const workerHooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    const seen: WebhookEvent[] = [];
    workerHooks.onAny((event) => void seen.push(event));
    const worker = createWorker(workerHooks, { connection: REDIS_URL, queueName });
    const server = await serve(receiver);
    const card = `queue-${name}`;
    try {
      for (const offset of [2, 1]) {
        const body = cardBody(card, offset);
        expect((await fetch(server.url, { method: 'POST', headers: signedHeaders(body), body })).status).toBe(200);
      }
      await waitFor(() => seen.length === 2, 'the worker to run both events');
      expect(seen.map((e) => [offsetOf(e), e.stale]).sort()).toEqual([
        [1, true],
        [2, false],
      ]);
    } finally {
      await server.close();
      await worker.close();
      await queue.close();
      await deleteQueue(redis, queueName);
    }
  });

  it('refuses a non-integer time rather than storing something Lua would compare wrongly', async () => {
    const store = redisStore({ connection: REDIS_URL, prefix });
    stores.push(store);
    await expect(store.markLatest(`${name}:x`, 1.5)).rejects.toThrow(TypeError);
    expect(await store.markLatest(`${name}:x`, T0)).toBe('latest');
  });
});
