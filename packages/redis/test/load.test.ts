import { atelio, createWebhooks } from '@finhooks/core';
import { createTestRequest, type TestRequest } from '@finhooks/core/testing';
import { expect, it } from 'vitest';
import { createWorker, type WebhookWorker } from '../src/index.js';
import { useFixtureScope } from './support/fixture-scope.js';
import { startFixture } from './support/processes.js';
import { REDIS_URL, uniqueName, waitFor } from './support/redis.js';

const EVENTS = 10_000;
const CONCURRENCY = 64;
const SECRET = 'whsec_load_secret0';
const provider = atelio({ secret: SECRET });
const name = uniqueName('load');
const keys = { STORE_PREFIX: `${name}:store:`, COUNT_KEY: `${name}:count`, IDS_KEY: `${name}:ids` };
const scope = useFixtureScope(name, [name]);

/** Sends every request once, `concurrency` at a time; returns the status counts. */
async function burst(url: string, requests: readonly TestRequest[], concurrency: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  async function sender(): Promise<void> {
    while (next < requests.length) {
      const request = requests[next++]!;
      const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, sender));
  return statuses;
}

it(`processes a burst of ${EVENTS} distinct events in queue mode exactly once each`, async () => {
  // Workers in this process count every handler run in Redis: INCR for runs, SADD for distinct ids.
  const webhooks = createWebhooks({ provider });
  webhooks.onAny(async (event) => {
    await scope.redis.multi().incr(keys.COUNT_KEY).sadd(keys.IDS_KEY, event.id).exec();
  });
  const workers: WebhookWorker[] = [
    createWorker(webhooks, { connection: REDIS_URL, queueName: name, concurrency: 50 }),
    createWorker(webhooks, { connection: REDIS_URL, queueName: name, concurrency: 50 }),
  ];
  try {
    const server = await startFixture('server', { REDIS_URL, SECRET, QUEUE_NAME: name, ...keys });
    const base = Date.UTC(2024, 0, 1);
    const requests = await Promise.all(
      Array.from({ length: EVENTS }, (_, i) =>
        createTestRequest(provider, 'card.status.active', { occurred_at: new Date(base + i * 1000).toISOString() }),
      ),
    );

    const statuses = await burst(`http://127.0.0.1:${server.ready}/webhooks/atelio`, requests, CONCURRENCY);
    expect(Object.fromEntries(statuses)).toEqual({ 200: EVENTS });

    await waitFor(
      async () => Number(await scope.redis.get(keys.COUNT_KEY)) >= EVENTS,
      `${EVENTS} handler runs`,
      60_000,
      100,
    );
    // Give a duplicate run the chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await scope.redis.scard(keys.IDS_KEY)).toBe(EVENTS);
    expect(Number(await scope.redis.get(keys.COUNT_KEY))).toBe(EVENTS);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
});
