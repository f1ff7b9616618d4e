/**
 * Moneyhub deliveries to the running web process (RS256 JWTs, keys found by discovery from a local
 * stand-in of Moneyhub's identity server), applied by the running worker to the sync queue.
 */
import { randomUUID } from 'node:crypto';
import { moneyhub } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest, type MoneyhubTestKeys } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningProcess, startApp, startWorker, TEST_MONEYHUB_AUDIENCE } from './support/app.js';
import { testDatabase, type TestDatabase } from './support/db.js';
import { send } from './support/http.js';
import { type MoneyhubIdentity, serveMoneyhubIdentity } from './support/moneyhub-identity.js';

let identity: MoneyhubIdentity;
let db: TestDatabase;
let app: RunningProcess;
let worker: RunningProcess;
let url: string;
beforeAll(async () => {
  identity = await serveMoneyhubIdentity();
  db = await testDatabase();
  const env = { ...db.env, MONEYHUB_ISSUER: identity.issuer };
  app = await startApp(env);
  worker = await startWorker(env);
  url = `${app.url}/webhooks/moneyhub`;
});
afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await db?.drop();
  await identity?.close();
});

/** A newTransactions JWT for two new transaction ids of one account, signed with `key` under the identity's kid. */
async function newTransactions(key?: MoneyhubTestKeys) {
  const id = randomUUID();
  const account = randomUUID();
  const transactions = [randomUUID(), randomUUID()];
  const provider = moneyhub({ issuer: identity.issuer, jwks: { keys: [] }, audience: TEST_MONEYHUB_AUDIENCE });
  const req = await createTestRequest(provider, 'newTransactions', { id, payload: { accounts: [{ id: account, transactions }] } }, { privateKey: (key ?? identity.keys).privateKey, kid: identity.keys.kid });
  return { req, account, transactions, eventId: `id:${id}` };
}

const queued = (account: string) => db.rows<{ transaction_id: string; change: string }>('SELECT transaction_id, change FROM transaction_sync_queue WHERE account_id = $1 ORDER BY id', [account]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('POST /webhooks/moneyhub → inbox → worker → transaction_sync_queue', () => {
  it('a signed newTransactions → 200; the worker queues one fetch per transaction id, once', async () => {
    const { req, account, transactions, eventId } = await newTransactions();
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    expect(await queued(account)).toEqual(transactions.map((transaction_id) => ({ transaction_id, change: 'newTransactions' })));
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await settle();
    expect(await queued(account)).toHaveLength(2);
  });

  it('a JWT signed by another key → 401; nothing stored, nothing queued', async () => {
    const before = await db.inboxSize();
    const { req, account } = await newTransactions(await createMoneyhubTestKeys());
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(401);
    expect(answer.json?.error.code).toBe('invalid_signature');
    await settle();
    expect(await db.inboxSize()).toBe(before);
    expect(await queued(account)).toEqual([]);
  });
});
