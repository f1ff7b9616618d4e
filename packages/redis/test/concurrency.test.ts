import { atelio } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { beforeAll, expect, it } from 'vitest';
import { useFixtureScope } from './support/fixture-scope.js';
import { type FixtureProcess, startFixture } from './support/processes.js';
import { REDIS_URL, uniqueName } from './support/redis.js';

const SECRET = 'whsec_concurrency';
const name = uniqueName('concurrency');
const keys = { STORE_PREFIX: `${name}:store:`, COUNT_KEY: `${name}:count`, IDS_KEY: `${name}:ids` };

const scope = useFixtureScope(name);
let servers: FixtureProcess[] = [];

beforeAll(async () => {
  // The handler takes 300 ms, so every copy of the delivery arrives while the first is processed.
  const env = { REDIS_URL, SECRET, HANDLER_DELAY_MS: '300', ...keys };
  servers = await Promise.all([startFixture('server', env), startFixture('server', env)]);
});

it('runs the handlers exactly once when the same delivery reaches two instances 50 times at once', async () => {
  const request = await createTestRequest(atelio({ secret: SECRET }), 'card.created', {
    occurred_at: new Date().toISOString(),
  });
  const urls = servers.map((server) => `http://127.0.0.1:${server.ready}/webhooks/atelio`);
  const send = (url: string) => fetch(url, { method: 'POST', headers: request.headers, body: request.body });

  const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => send(urls[i % 2]!)));
  const bodies = await Promise.all(
    responses.map(async (response) => ({ status: response.status, body: (await response.json()) as object })),
  );

  const processed = bodies.filter((b) => b.status === 200 && !('duplicate' in b.body));
  expect(processed).toHaveLength(1);
  // Every other copy was refused while in flight (409: retry later) or recognised as done.
  for (const other of bodies.filter((b) => !processed.includes(b))) {
    expect([409, 200]).toContain(other.status);
    if (other.status === 200) expect(other.body).toEqual({ received: true, duplicate: true });
  }
  expect(await scope.redis.get(keys.COUNT_KEY)).toBe('1');

  // A later redelivery, to either instance, is a duplicate.
  for (const url of urls) {
    const again = await send(url);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
  }
  expect(await scope.redis.get(keys.COUNT_KEY)).toBe('1');
  expect(await scope.redis.scard(keys.IDS_KEY)).toBe(1);
});
