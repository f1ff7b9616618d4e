import { createServer } from 'node:net';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInboxWorker, inboxTransaction, migrate, postgresInbox, postgresStore } from '../src/index.js';
import { serve, waitFor } from './support/http.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';
import { killFixtures, startFixture } from './support/processes.js';

/**
 * Graceful shutdown of the inbox worker in a real process (SIGTERM mid-handler: it finishes; past
 * the deadline: rolled back and released for the next worker, never marked done), and `health()`
 * of the store and inbox against the real PostgreSQL and an unreachable one.
 */
const SECRET = 'whsec_health_shutdown_secret';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('health');
const unmigrated = uniqueSchema('health_unmigrated');
let pool: pg.Pool;

beforeAll(async () => {
  pool = await connectPool(undefined, 10);
  await migrate(pool, { schema });
  await pool.query(`CREATE TABLE "${schema}".effects (event_id text NOT NULL)`);
});
afterEach(async () => {
  await killFixtures();
  await pool.query(`TRUNCATE "${schema}".effects, "${schema}".inbox_events`);
});
afterAll(async () => {
  await killFixtures();
  await dropSchema(pool, schema);
  await dropSchema(pool, unmigrated);
  await pool.end();
});

const count = async (from: string) => Number((await pool.query(`SELECT count(*)::int AS n FROM ${from}`)).rows[0].n);

/** Stores one signed delivery through a real receiver (HTTP, inbox mode); returns its event id. */
async function deliver(): Promise<void> {
  const receiver = createWebhooks({ provider, inbox: postgresInbox(pool, { schema }), onError: () => undefined });
  const running = await serve(receiver);
  try {
    const request = await createTestRequest(provider, 'transactions');
    const response = await fetch(running.url, { method: 'POST', headers: request.headers as Record<string, string>, body: Buffer.from(request.rawBody) });
    expect(response.status).toBe(200);
  } finally {
    await running.close();
  }
}

function insideLine(child: import('node:child_process').ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /INSIDE (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
  });
}

describe('inbox worker process on SIGTERM', () => {
  it('finishes the running handler, commits it, and exits 0', async () => {
    await deliver();
    const fixture = await startFixture('worker', { DATABASE_URL, SCHEMA: schema, HOLD_MS: '800', GRACEFUL_MS: '10000' });
    await insideLine(fixture.child);
    const signalled = Date.now();
    fixture.child.kill('SIGTERM');
    expect(await fixture.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(await count(`"${schema}".inbox_events WHERE status = 'done'`)).toBe(1);
    expect(await count(`"${schema}".effects`)).toBe(1);
  });

  it('past its deadline: rolls the transaction back, releases the event (due at once, attempt not counted), exits 0; the next worker runs it once', async () => {
    await deliver();
    // The lease (60 s) outlives the test: only the release can hand the event over this fast.
    const fixture = await startFixture('worker', { DATABASE_URL, SCHEMA: schema, HOLD_MS: '60000', GRACEFUL_MS: '500', LEASE_MS: '60000' });
    const id = await insideLine(fixture.child);
    const signalled = Date.now();
    fixture.child.kill('SIGTERM');
    expect(await fixture.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(await count(`"${schema}".effects`)).toBe(0);
    expect(
      await count(`"${schema}".inbox_events WHERE status = 'pending' AND attempts = 0 AND available_at <= clock_timestamp()`),
    ).toBe(1);

    const handled: string[] = [];
    const webhooks = createWebhooks({ provider });
    webhooks.onAny(async (event: WebhookEvent) => {
      handled.push(event.id);
      await inboxTransaction().query(`INSERT INTO "${schema}".effects (event_id) VALUES ($1)`, [event.id]);
    });
    const next = createInboxWorker({ webhooks, pool, schema, pollInterval: 50, onError: () => undefined });
    try {
      await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'done'`)) === 1, 10_000, 'done');
    } finally {
      await next.close();
    }
    expect(handled).toEqual([id]);
    expect(await count(`"${schema}".effects`)).toBe(1);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('health', () => {
  it('is ok for the inbox and the store on the migrated schema', async () => {
    const inbox = createWebhooks({ provider, inbox: postgresInbox(pool, { schema }) });
    const report = await inbox.health();
    expect(report.status).toBe('ok');
    expect(Object.keys(report.checks).sort()).toEqual(['accepting', 'inbox']);
    const store = await createWebhooks({ provider, store: postgresStore(pool, { schema }) }).health();
    expect(store).toMatchObject({ status: 'ok', checks: { store: { status: 'ok' } } });
  });

  it('is down with not_migrated for a schema never migrated', async () => {
    const report = await createWebhooks({ provider, inbox: postgresInbox(pool, { schema: unmigrated }) }).health();
    expect(report.checks.inbox).toMatchObject({ status: 'down', error: 'not_migrated' });
  });

  it('is down within the timeout when PostgreSQL is a closed port, quoting no password or host', async () => {
    const unreachable = new pg.Pool({ connectionString: `postgres://postgres:pg-s3cret@127.0.0.1:${await closedPort()}/test` });
    try {
      const started = Date.now();
      const report = await createWebhooks({ provider, store: postgresStore(unreachable, { schema }) }).health({ timeout: 1000 });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(report.status).toBe('down');
      expect(report.checks.store).toMatchObject({ status: 'down', error: 'ECONNREFUSED' });
      expect(JSON.stringify(report)).not.toMatch(/s3cret|127\.0\.0\.1|postgres:/);
    } finally {
      await unreachable.end();
    }
  });
});
