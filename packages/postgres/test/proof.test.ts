/**
 * The inbox's promises on the real server, with every party in a process of its own: two receiver
 * processes and two worker processes on one database. Each event is delivered to both receivers at
 * once; its effect (a row in the business table `ledger`) must happen exactly once — also while the
 * server terminates the receivers' and workers' connections (`pg_terminate_backend`).
 */
import { randomUUID } from 'node:crypto';
import { atelio } from '@finhooks/core';
import { createTestRequest, eventIdOf, type TestRequest } from '@finhooks/core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/index.js';
import { waitFor } from './support/http.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';
import { type FixtureProcess, killFixtures, startFixture } from './support/processes.js';

const SECRET = 'whsec_proof_test_secret';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('proof');
const tag = randomUUID().slice(0, 8);
const RECEIVER_APP = `fh-proof-receiver-${tag}`;
const WORKER_APP = `fh-proof-worker-${tag}`;
// Requests in flight at once from this process (each event's two deliveries count as two).
const IN_FLIGHT = 24;
// A delivery slower than this is a hang: the receivers' bound is their `timeout` (3 s) plus a loaded machine.
const HANG_MS = 20_000;

let pool: pg.Pool;
let receivers: string[] = [];
let receiverProcesses: FixtureProcess[] = [];
let workers: FixtureProcess[] = [];

beforeAll(async () => {
  pool = await connectPool(undefined, 4);
  await migrate(pool, { schema });
  // The business table: no unique constraint, so a second effect would show, not fail.
  await pool.query(`CREATE TABLE "${schema}".ledger (event_id text NOT NULL, worker integer NOT NULL)`);
  const env = { DATABASE_URL, SCHEMA: schema, SECRET };
  const started = await Promise.all([
    startFixture('receiver', { ...env, APP_NAME: RECEIVER_APP, TIMEOUT_MS: '3000' }, 60_000),
    startFixture('receiver', { ...env, APP_NAME: RECEIVER_APP, TIMEOUT_MS: '3000' }, 60_000),
    startFixture('ledger-worker', { ...env, APP_NAME: WORKER_APP }, 60_000),
    startFixture('ledger-worker', { ...env, APP_NAME: WORKER_APP }, 60_000),
  ]);
  receiverProcesses = started.slice(0, 2);
  receivers = receiverProcesses.map((r) => `http://127.0.0.1:${r.ready}/webhooks`);
  workers = started.slice(2);
}, 120_000);

afterAll(async () => {
  for (const p of [...receiverProcesses, ...workers]) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) {
      const kind = workers.includes(p) ? 'worker' : 'receiver';
      console.error(`${kind} ${p.child.pid} exited (${p.child.exitCode ?? p.child.signalCode}): ${p.stderr()}`);
    }
  }
  await killFixtures();
  await dropSchema(pool, schema);
  await pool.end();
});

interface Sent {
  readonly request: TestRequest;
  readonly id: string;
}

async function events(n: number, label: string): Promise<Sent[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const request = await createTestRequest(provider, 'card.created', {
        occurred_at: `${label}-${i}-${randomUUID()}`,
      });
      return { request, id: await eventIdOf(provider, request) };
    }),
  );
}

interface Answer {
  readonly id: string;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly duplicate: boolean;
  readonly ms: number;
}

async function deliver(url: string, { request, id }: Sent): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(HANG_MS),
  });
  const body = (await response.json()) as { duplicate?: boolean };
  return {
    id,
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    duplicate: body.duplicate === true,
    ms: Date.now() - started,
  };
}

/** Each event to both receivers at once, at most IN_FLIGHT requests at a time. */
async function deliverToBoth(sent: readonly Sent[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const lane = async () => {
    while (next < sent.length) {
      const event = sent[next++]!;
      answers.push(...(await Promise.all(receivers.map((url) => deliver(url, event)))));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT / 2 }, lane));
  return answers;
}

async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

/** Ledger rows per event id among `ids`: every one must be exactly 1. */
async function effects(ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ event_id: string; n: number }>(
    `SELECT event_id, count(*)::int AS n FROM "${schema}".ledger WHERE event_id = ANY($1) GROUP BY event_id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.event_id, row.n]));
}

async function allDone(ids: readonly string[], timeout: number): Promise<void> {
  await waitFor(
    async () =>
      (await scalar(
        `SELECT count(*)::int AS n FROM "${schema}".inbox_events WHERE event_id = ANY($1) AND status = 'done'`,
        [ids],
      )) === ids.length,
    timeout,
    `${ids.length} events done`,
  );
}

describe('two receiver processes and two worker processes on one database', () => {
  it('5,000 events, each delivered to both receivers at once: stored once, every effect exactly once', async () => {
    const sent = await events(5000, 'bulk');
    const answers = await deliverToBoth(sent);

    expect(answers).toHaveLength(10_000);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Exactly one of each event's two deliveries stored it; the other was a duplicate.
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(5000);
    expect(new Set(answers.filter((a) => !a.duplicate).map((a) => a.id)).size).toBe(5000);

    const ids = sent.map((s) => s.id);
    await allDone(ids, 240_000);
    const booked = await effects(ids);
    expect(booked.size).toBe(5000);
    expect([...booked.values()].every((n) => n === 1)).toBe(true);
    // Both worker processes took a share.
    const { rows } = await pool.query(`SELECT DISTINCT worker FROM "${schema}".ledger`);
    expect(rows.map((row) => row.worker).sort()).toEqual(workers.map((w) => w.child.pid).sort());
  }, 400_000);

  it('pg_terminate_backend mid-run: 503 with Retry-After (never a 2xx for an event not stored, never a hang), workers reconnect, effects still once', async () => {
    const sent = await events(1500, 'terminated');
    let terminatedReceivers = 0;
    let terminatedWorkers = 0;
    let delivering = true;
    const terminate = async (app: string) =>
      scalar(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) AS t`,
        [app],
      );
    // Terminates every connection of the receivers and the workers, over and over, while deliveries run.
    const terminator = (async () => {
      while (delivering) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        terminatedReceivers += await terminate(RECEIVER_APP);
        terminatedWorkers += await terminate(WORKER_APP);
      }
    })();
    let answers: Answer[];
    try {
      answers = await deliverToBoth(sent);
    } finally {
      delivering = false;
      await terminator;
    }

    expect(terminatedReceivers).toBeGreaterThan(0);
    expect(terminatedWorkers).toBeGreaterThan(0);
    // Only 200 and 503; every 503 says when to retry; nothing hung (a hang aborts the fetch and fails the test).
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.retryAfter === '30')).toBe(true);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(HANG_MS);
    // Never a 2xx for an event that is not stored.
    const acknowledged = [...new Set(answers.filter((a) => a.status === 200).map((a) => a.id))];
    const stored = await scalar(`SELECT count(*)::int AS n FROM "${schema}".inbox_events WHERE event_id = ANY($1)`, [
      acknowledged,
    ]);
    expect(stored).toBe(acknowledged.length);

    // The provider retries what was refused (both receivers again, at once) until it gets a 2xx.
    let pending = sent.filter((s) => !acknowledged.includes(s.id));
    for (let round = 0; pending.length > 0 && round < 10; round++) {
      const retried = await deliverToBoth(pending);
      const ok = new Set(retried.filter((a) => a.status === 200).map((a) => a.id));
      pending = pending.filter((s) => !ok.has(s.id));
    }
    expect(pending).toEqual([]);

    // The same worker processes (reconnected) finish everything; each effect happened once.
    const ids = sent.map((s) => s.id);
    await allDone(ids, 240_000);
    expect(workers.every((w) => w.child.exitCode === null && w.child.signalCode === null)).toBe(true);
    const booked = await effects(ids);
    expect(booked.size).toBe(1500);
    expect([...booked.values()].every((n) => n === 1)).toBe(true);
    expect(await scalar(`SELECT count(*)::int AS n FROM "${schema}".inbox_events WHERE status = 'dead'`)).toBe(0);
  }, 400_000);
});
