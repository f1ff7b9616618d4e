import { randomUUID } from 'node:crypto';
import { atelio, createWebhooks, type Webhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createInboxWorker,
  type InboxErrorContext,
  type InboxWorker,
  inboxTransaction,
  migrate,
  postgresInbox,
} from '../src/index.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';
import { type RunningServer, serve, waitFor } from './support/http.js';
import { killFixtures, startFixture } from './support/processes.js';

const SECRET = 'whsec_inbox_test_secret';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('inbox');
let pool: pg.Pool;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pool = await connectPool(undefined, 20);
  await migrate(pool, { schema });
  await pool.query(
    `CREATE TABLE "${schema}".effects (event_id text NOT NULL, at timestamptz DEFAULT clock_timestamp())`,
  );
});

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
  await pool.query(`TRUNCATE "${schema}".effects, "${schema}".inbox_events`);
});

afterAll(async () => {
  await killFixtures();
  await dropSchema(pool, schema);
  await pool.end();
});

/** A pool of its own, ended after the test (as another process would have). */
function ownPool(max = 5): pg.Pool {
  const own = new pg.Pool({ connectionString: DATABASE_URL, max });
  own.on('error', () => undefined);
  cleanup.push(() => own.end());
  return own;
}

function receiver(): Webhooks {
  return createWebhooks({ provider, inbox: postgresInbox(pool, { schema }), onError: () => undefined });
}

async function server(webhooks: Webhooks): Promise<RunningServer> {
  const running = await serve(webhooks);
  cleanup.push(() => running.close());
  return running;
}

function worker(options: Partial<Parameters<typeof createInboxWorker>[0]> & { webhooks: Webhooks }): InboxWorker {
  const started = createInboxWorker({
    pool: ownPool(),
    schema,
    pollInterval: 50,
    onError: () => undefined,
    ...options,
  });
  cleanup.push(() => started.close());
  return started;
}

/** A handler-side instance whose every event inserts a row into `effects` in the inbox transaction. */
function recording(): Webhooks {
  const webhooks = createWebhooks({ provider });
  webhooks.onAny(async (event) => {
    await inboxTransaction().query(`INSERT INTO "${schema}".effects (event_id) VALUES ($1)`, [event.id]);
  });
  return webhooks;
}

async function signed() {
  return createTestRequest(provider, 'card.created', { occurred_at: `${new Date().toISOString()}#${randomUUID()}` });
}

async function post(url: string, request: Awaited<ReturnType<typeof signed>>) {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as object };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

describe('postgresInbox: the pipeline stores the event before the 2xx', () => {
  it('stores a verified event once, answers its redelivery as a duplicate, and runs no handler in the request', async () => {
    const webhooks = receiver();
    let ran = 0;
    webhooks.onAny(() => void ran++);
    const { url } = await server(webhooks);
    const request = await signed();

    expect(await post(url, request)).toMatchObject({ status: 200, body: { received: true } });
    expect((await post(url, request)).body).toEqual({ received: true, duplicate: true });
    expect(ran).toBe(0);
    const { rows } = await pool.query(
      `SELECT key, provider, event_id, event_type, status, attempts, event FROM "${schema}".inbox_events`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'atelio', event_type: 'card.created', status: 'pending', attempts: 0 });
    expect(rows[0].key).toBe(`atelio:${rows[0].event_id}`);
    expect(rows[0].event).toMatchObject({ provider: 'atelio', type: 'card.created', known: true });
  });

  it('stores nothing for a delivery that fails verification', async () => {
    const { url } = await server(receiver());
    const request = await signed();
    const forged = { ...request, body: request.body.replace('card.created', 'card.deleted') };
    expect((await post(url, forged)).status).toBe(401);
    expect(await count(`"${schema}".inbox_events`)).toBe(0);
  });

  it('answers 503 with Retry-After, never a 2xx, while the database is down', async () => {
    const down = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    cleanup.push(() => down.end());
    const errors: string[] = [];
    const webhooks = createWebhooks({
      provider,
      inbox: postgresInbox(down, { schema }),
      onError: (_error, context) => void errors.push(context.code),
    });
    const { url } = await server(webhooks);
    const response = await post(url, await signed());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.body).toMatchObject({ error: { code: 'inbox_unavailable' } });
    expect(errors).toEqual(['inbox_unavailable']);
  });

  it('refuses queue and inbox together', () => {
    expect(() =>
      createWebhooks({ provider, inbox: postgresInbox(pool, { schema }), queue: { enqueue: async () => undefined } }),
    ).toThrow(/queue and inbox/);
  });
});

describe('createInboxWorker', () => {
  it('applies each effect exactly once under concurrent redeliveries and two worker instances', async () => {
    const [a, b] = [await server(receiver()), await server(receiver())];
    const requests = await Promise.all(Array.from({ length: 40 }, () => signed()));
    worker({ webhooks: recording(), concurrency: 2, batchSize: 5 });
    worker({ webhooks: recording(), concurrency: 2, batchSize: 5 });
    // Every event delivered 4 times at once, to both receivers, while the workers run.
    const responses = await Promise.all(
      requests.flatMap((request) => [a.url, b.url, a.url, b.url].map((url) => post(url, request))),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(responses.filter((response) => !('duplicate' in response.body))).toHaveLength(40);

    await waitFor(
      async () => (await count(`"${schema}".inbox_events WHERE status = 'done'`)) === 40,
      30_000,
      'all done',
    );
    const { rows } = await pool.query<{ event_id: string; n: number }>(
      `SELECT event_id, count(*)::int AS n FROM "${schema}".effects GROUP BY event_id`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    expect(await count(`"${schema}".inbox_events WHERE attempts <> 1`)).toBe(0);
  });

  it('rolls back a throwing handler’s writes, retries with backoff, then marks the event dead', async () => {
    const webhooks = createWebhooks({ provider });
    const attempts: number[] = [];
    webhooks.onAny(async (event) => {
      await inboxTransaction().query(`INSERT INTO "${schema}".effects (event_id) VALUES ($1)`, [event.id]);
      attempts.push(Date.now());
      throw new Error('ledger refused');
    });
    const reports: InboxErrorContext[] = [];
    const { url } = await server(receiver());
    await post(url, await signed());
    worker({
      webhooks,
      maxAttempts: 3,
      backoff: (attempt) => attempt * 200,
      onError: (_e, context) => void reports.push(context),
    });

    await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'dead'`)) === 1, 20_000, 'dead');
    expect(await count(`"${schema}".effects`)).toBe(0);
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(180);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(380);
    expect(reports.map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'retry'],
      [2, 'retry'],
      [3, 'dead'],
    ]);
    const { rows } = await pool.query(`SELECT attempts, last_error, processed_at FROM "${schema}".inbox_events`);
    expect(rows[0]).toMatchObject({ attempts: 3, last_error: expect.stringContaining('handler failed') });
    expect(rows[0].processed_at).toBeInstanceOf(Date);
  });

  it('runs Kysely on the handler’s transaction client: its writes commit with the done mark, or not at all', async () => {
    interface Database {
      effects: { event_id: string };
    }
    const kyselyOn = (client: pg.PoolClient) =>
      new Kysely<Database>({
        // Kysely borrows the worker's client: `release` and `end` are no-ops, the worker owns them.
        dialect: new PostgresDialect({
          pool: {
            options: {},
            connect: async () => ({ query: client.query.bind(client) as pg.PoolClient['query'], release() {} }),
            end: async () => {},
          },
        }),
      }).withSchema(schema);
    const webhooks = createWebhooks({ provider });
    let fail = true;
    webhooks.onAny(async (event) => {
      await kyselyOn(inboxTransaction()).insertInto('effects').values({ event_id: event.id }).execute();
      if (fail) {
        fail = false;
        throw new Error('first attempt fails after the write');
      }
    });
    const { url } = await server(receiver());
    await post(url, await signed());
    worker({ webhooks, backoff: () => 100 });
    await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'done'`)) === 1, 20_000, 'done');
    expect(await count(`"${schema}".effects`)).toBe(1);
  });

  it('takes only the events of its own instance: several providers share the inbox table', async () => {
    await pool.query(
      `INSERT INTO "${schema}".inbox_events (key, provider, event_id, event_type, event)
       VALUES ('atomic:e1', 'atomic', 'e1', 'identity-synced', '{"provider":"atomic","id":"e1","type":"identity-synced","receivedAt":"2024-01-01T00:00:00Z","payload":{},"known":true}')`,
    );
    const { url } = await server(receiver());
    await post(url, await signed());
    worker({ webhooks: recording() });
    await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'done'`)) === 1, 20_000, 'done');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await count(`"${schema}".inbox_events WHERE key = 'atomic:e1' AND status = 'pending' AND attempts = 0`),
    ).toBe(1);
    expect(await count(`"${schema}".effects`)).toBe(1);
  });

  it('gives inboxTransaction() only inside a worker-run handler', () => {
    expect(() => inboxTransaction()).toThrow(/only available inside a handler run by createInboxWorker/);
  });

  it('close() lets the running handler commit and releases the rest of its batch', async () => {
    const webhooks = createWebhooks({ provider });
    let started!: () => void;
    const first = new Promise<void>((resolve) => (started = resolve));
    webhooks.onAny(async (event) => {
      await inboxTransaction().query(`INSERT INTO "${schema}".effects (event_id) VALUES ($1)`, [event.id]);
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const { url } = await server(receiver());
    for (let i = 0; i < 5; i++) await post(url, await signed());
    const running = worker({ webhooks, batchSize: 5 });
    await first;
    await running.close();
    expect(await count(`"${schema}".effects`)).toBe(1);
    expect(await count(`"${schema}".inbox_events WHERE status = 'done'`)).toBe(1);
    // The four others are pending and not locked: another worker takes them at once.
    expect(
      await count(
        `"${schema}".inbox_events WHERE status = 'pending' AND attempts = 0 AND available_at <= clock_timestamp()`,
      ),
    ).toBe(4);
    const { rows } = await pool.query(
      `SELECT key FROM "${schema}".inbox_events WHERE status = 'pending' FOR UPDATE SKIP LOCKED`,
    );
    expect(rows).toHaveLength(4);
  });

  it('refuses nonsense options', () => {
    const webhooks = recording();
    expect(() => createInboxWorker({ webhooks, pool, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createInboxWorker({ webhooks, pool, maxAttempts: 1.5 })).toThrow(/maxAttempts/);
    expect(() => createInboxWorker({ webhooks, pool, schema: 'x y' })).toThrow(/schema must be/);
  });
});

describe('createInboxWorker in a process of its own', () => {
  const env = () => ({ DATABASE_URL, SCHEMA: schema, HOLD_MS: '60000' });

  async function insideLine(child: import('node:child_process').ChildProcess): Promise<string> {
    return new Promise((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /INSIDE (\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
    });
  }

  it('SIGKILLed mid-transaction: the effect is rolled back, the event re-run after the lease, applied once', async () => {
    const { url } = await server(receiver());
    await post(url, await signed());
    const fixture = await startFixture('worker', { ...env(), LEASE_MS: '1000' });
    await insideLine(fixture.child);
    fixture.child.kill('SIGKILL');
    expect(await fixture.exited).toBe('SIGKILL');
    // The attempt was counted when claimed; the handler's write died with the transaction.
    expect(await count(`"${schema}".inbox_events WHERE status = 'pending' AND attempts = 1`)).toBe(1);
    expect(await count(`"${schema}".effects`)).toBe(0);

    worker({ webhooks: recording(), lease: 1000 });
    await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'done'`)) === 1, 20_000, 'done');
    expect(await count(`"${schema}".effects`)).toBe(1);
    expect(await count(`"${schema}".inbox_events WHERE attempts = 2`)).toBe(1);
  });

  it('marks dead, without running it again, an event whose worker died during each of maxAttempts attempts', async () => {
    const { url } = await server(receiver());
    await post(url, await signed());
    for (let i = 0; i < 2; i++) {
      const fixture = await startFixture('worker', { ...env(), LEASE_MS: '200', MAX_ATTEMPTS: '2' });
      await insideLine(fixture.child);
      fixture.child.kill('SIGKILL');
      await fixture.exited;
    }
    const reports: InboxErrorContext[] = [];
    worker({ webhooks: recording(), maxAttempts: 2, onError: (_e, context) => void reports.push(context) });
    await waitFor(async () => (await count(`"${schema}".inbox_events WHERE status = 'dead'`)) === 1, 20_000, 'dead');
    expect(await count(`"${schema}".effects`)).toBe(0);
    expect(reports).toMatchObject([{ outcome: 'dead', attempt: 2 }]);
    const { rows } = await pool.query(`SELECT last_error FROM "${schema}".inbox_events`);
    expect(rows[0].last_error).toMatch(/worker stopped during each of 2 attempts/);
  });

  it('on SIGTERM (closeOnSignals) finishes the running handler, commits, then exits by the signal', async () => {
    const { url } = await server(receiver());
    await post(url, await signed());
    const fixture = await startFixture('worker', { ...env(), HOLD_MS: '500' });
    await insideLine(fixture.child);
    fixture.child.kill('SIGTERM');
    expect(await fixture.exited).toBe('SIGTERM');
    expect(await count(`"${schema}".inbox_events WHERE status = 'done'`)).toBe(1);
    expect(await count(`"${schema}".effects`)).toBe(1);
  });
});
