/**
 * Atelio deliveries to the running web process, applied by the running worker to the card ledger:
 * real HTTP, `Bond-Signature` v2 with the app's secret, the real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { atelio } from '@finhooks/core';
import { createTestRequest, eventIdOf } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningProcess, startApp, startWorker, TEST_SECRETS } from './support/app.js';
import { testDatabase, type TestDatabase } from './support/db.js';
import { send, tamper } from './support/http.js';

const signer = atelio({ secret: TEST_SECRETS.atelio });

/** A completed card transaction of `amount` on a new account: its own ledger row and balance. */
async function transaction(amount: string, state = 'completed') {
  const transactionId = randomUUID();
  const accountId = randomUUID();
  const sample = (await createTestRequest(signer, 'transactions')).body;
  const { transaction: base } = JSON.parse(sample) as { transaction: Record<string, unknown> };
  const req = await createTestRequest(signer, 'transactions', {
    occurred_at: new Date().toISOString().replace('Z', '000+00:00'),
    transaction: { ...base, transaction_id: transactionId, account_id: accountId, amount, state },
  });
  return { req, transactionId, accountId, eventId: await eventIdOf(signer, req) };
}

let db: TestDatabase;
let app: RunningProcess;
let worker: RunningProcess | undefined;
let url: string;
beforeAll(async () => {
  db = await testDatabase();
  app = await startApp(db.env);
  worker = await startWorker(db.env);
  url = `${app.url}/webhooks/atelio`;
});
afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await db?.drop();
});

const ledger = (transactionId: string) => db.rows<{ amount: string; state: string }>('SELECT amount, state FROM card_ledger WHERE transaction_id = $1', [transactionId]);
const balance = async (accountId: string) => (await db.rows<{ balance: string }>('SELECT balance FROM account_balances WHERE account_id = $1', [accountId]))[0]?.balance;
/** Long enough for an idle worker (polling every 100 ms) to have taken an event several times over. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('POST /webhooks/atelio → inbox → worker → card_ledger', () => {
  it('a signed transaction → 200 once stored; the worker writes its ledger row and balance once, and marks it done', async () => {
    const { req, transactionId, accountId, eventId } = await transaction('12.34');
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ received: true });
    await vi.waitFor(async () => expect(await db.inbox(eventId)).toEqual([expect.objectContaining({ status: 'done', attempts: 1 })]), { timeout: 15_000 });
    expect(await ledger(transactionId)).toEqual([{ amount: '12.34', state: 'completed' }]);
    expect(await balance(accountId)).toBe('12.34');
    expect(worker!.output()).toContain(`[atelio] transactions id=${eventId} ledger +1`);
  });

  it('a redelivery of a processed event → 200 duplicate, and the effect stays once', async () => {
    const { req, transactionId, accountId, eventId } = await transaction('5.00');
    expect((await send(url, req)).status).toBe(200);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    for (let i = 0; i < 3; i += 1) expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await settle();
    expect(await ledger(transactionId)).toHaveLength(1);
    expect(await balance(accountId)).toBe('5.00');
    expect(await db.inbox(eventId)).toHaveLength(1);
  });

  it('redelivered concurrently → one stored, the others duplicates; the balance moves once', async () => {
    const { req, transactionId, accountId, eventId } = await transaction('7.25');
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(url, req)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((answer) => answer.json?.duplicate !== true)).toHaveLength(1);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    await settle();
    expect(await ledger(transactionId)).toHaveLength(1);
    expect(await balance(accountId)).toBe('7.25');
  });

  it('tampered or signed with another secret → 401; nothing stored, nothing applied', async () => {
    const { req, transactionId } = await transaction('99.99');
    const other = await createTestRequest(atelio({ secret: 'whsec_not_the_secret' }), 'transactions', JSON.parse(req.body) as Record<string, unknown>);
    const before = await db.inboxSize();
    for (const delivery of [tamper(req), other, { headers: { 'content-type': 'application/json' }, body: req.body }]) {
      const answer = await send(url, delivery);
      expect(answer.status, answer.text).toBe(401);
      expect(answer.json?.error.code).toMatch(/^(invalid|missing)_signature$/);
    }
    await settle();
    expect(await db.inboxSize()).toBe(before);
    expect(await ledger(transactionId)).toEqual([]);
  });

  it('with the worker stopped: the event waits in the inbox (200 already answered) and is applied once when a worker starts', async () => {
    expect(await worker!.stop()).toBe(0); // SIGTERM: a graceful stop
    worker = undefined;
    const { req, transactionId, accountId, eventId } = await transaction('3.50');
    expect((await send(url, req)).status).toBe(200);
    await settle();
    expect(await db.inbox(eventId)).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    expect(await ledger(transactionId)).toEqual([]);
    worker = await startWorker(db.env);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    expect(await ledger(transactionId)).toHaveLength(1);
    expect(await balance(accountId)).toBe('3.50');
  });

  it('a pending transaction goes to the ledger without moving the balance', async () => {
    const { req, transactionId, accountId, eventId } = await transaction('1.00', 'pending');
    expect((await send(url, req)).status).toBe(200);
    await vi.waitFor(async () => expect((await db.inbox(eventId))[0]?.status).toBe('done'), { timeout: 15_000 });
    expect(await ledger(transactionId)).toEqual([{ amount: '1.00', state: 'pending' }]);
    expect(await balance(accountId)).toBeUndefined();
  });
});
