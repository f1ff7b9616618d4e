/**
 * A trailing slash over real HTTP through the real Next.js router (`next start` of test/fixture-app,
 * configured as the README recommends: `skipTrailingSlashRedirect: true`): `/webhooks/atomic/` is
 * answered exactly like `/webhooks/atomic`, as in the Express, Koa and Fastify adapters.
 */
import { randomUUID } from 'node:crypto';
import { send } from '@finhooks/adapter-conformance';
import { atelio, atomic } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ATELIO_SECRET, FIXTURE_ATOMIC_SECRET } from './fixture-app/secrets.js';
import { buildFixture, type FixtureServer, startFixture } from './support/fixture-server.js';

const signers = { atomic: atomic({ secret: FIXTURE_ATOMIC_SECRET }), atelio: atelio({ secret: FIXTURE_ATELIO_SECRET }) };

/** A new event each time (fresh time fields), signed as the provider signs. */
function delivery(name: 'atomic' | 'atelio') {
  return name === 'atomic'
    ? createTestRequest(signers.atomic, 'task-status-updated', { eventTime: new Date().toISOString() })
    : createTestRequest(signers.atelio, 'card.created', { occurred_at: `${new Date().toISOString()}#${randomUUID()}` });
}

let server: FixtureServer | undefined;

beforeAll(async () => {
  await buildFixture();
  server = await startFixture();
}, 300_000);
afterAll(() => server?.stop());

describe.each([
  ['App Router', '/webhooks'],
  ['Pages Router', '/api/webhooks'],
])('next start, %s', (_router, base) => {
  it.each(['atomic', 'atelio'] as const)('%s: POST to the path + "/" → 200; the same delivery without the slash is its duplicate', async (name) => {
    const req = await delivery(name);
    const slashed = await send(`${server!.url}${base}/${name}/`, req);
    expect(slashed.status, slashed.body).toBe(200);
    expect(JSON.parse(slashed.body)).toEqual({ received: true });
    const plain = await send(`${server!.url}${base}/${name}`, req);
    expect(JSON.parse(plain.body)).toEqual({ received: true, duplicate: true });
  });

  it('a query string after the slash is fine, a wrong method gets 405, a deeper path 404', async () => {
    const url = `${server!.url}${base}/atelio`;
    expect((await send(`${url}/?attempt=2`, await delivery('atelio'))).status).toBe(200);
    const put = await send(`${url}/`, { ...(await delivery('atelio')), method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('POST');
    expect((await send(`${url}/extra`, await delivery('atelio'))).status).toBe(404);
  });
});
