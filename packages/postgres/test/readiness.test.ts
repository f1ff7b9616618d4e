/**
 * Bounded answers and clear failures: an exhausted pool is a 503 in bounded time (the `timeout`
 * option), and a bad configuration (unreachable database, schema not migrated) fails at start with
 * a message that says what to do — `ready()` for the inbox and the store, `worker.ready` for the
 * worker, and a process that checks it exits.
 */
import { randomUUID } from 'node:crypto';
import { atelio, createWebhooks, type Webhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInboxWorker, migrate, postgresInbox, postgresStore } from '../src/index.js';
import { runMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { type RunningServer, serve } from './support/http.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';
import { killFixtures, startFixture } from './support/processes.js';

const SECRET = 'whsec_readiness_test_secret';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('ready');
// Never created: stands for "migrate was not run".
const missing = uniqueSchema('missing');
// Migrated up to the version before this release's latest.
const behind = uniqueSchema('behind');
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/test';
const latest = MIGRATIONS.at(-1)!.version;
let pool: pg.Pool;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pool = await connectPool(undefined, 4);
  await migrate(pool, { schema });
  await runMigrations(pool, behind, MIGRATIONS.slice(0, -1));
});

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

afterAll(async () => {
  await killFixtures();
  for (const s of [schema, behind, missing]) await dropSchema(pool, s);
  await pool.end();
});

/** node-postgres's default pool: it waits for a free connection forever (no `connectionTimeoutMillis`). */
function ownPool(url = DATABASE_URL, max = 2): pg.Pool {
  const own = new pg.Pool({ connectionString: url, max });
  cleanup.push(() => own.end());
  return own;
}

async function server(webhooks: Webhooks): Promise<RunningServer> {
  const running = await serve(webhooks);
  cleanup.push(() => running.close());
  return running;
}

async function post(url: string) {
  const request = await createTestRequest(provider, 'card.created', { occurred_at: randomUUID() });
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started };
}

/** Checks out every connection of `own` and keeps them until the test ends. */
async function exhaust(own: pg.Pool, max: number): Promise<void> {
  const held = await Promise.all(Array.from({ length: max }, () => own.connect()));
  cleanup.push(async () => held.forEach((client) => client.release()));
}

describe('an exhausted pool', () => {
  it('inbox: answers 503 with Retry-After within `timeout`, then 200 once a connection is free', async () => {
    const own = ownPool(DATABASE_URL, 2);
    const codes: string[] = [];
    const webhooks = createWebhooks({
      provider,
      inbox: postgresInbox(own, { schema, timeout: 1000 }),
      onError: (error, context) => void codes.push(`${context.code}: ${(error.cause as Error).message}`),
    });
    const { url } = await server(webhooks);
    expect((await post(url)).status).toBe(200);
    const held = await Promise.all([own.connect(), own.connect()]);

    const answers = await Promise.all([post(url), post(url), post(url)]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 503, retryAfter: '30' });
      expect(answer.ms).toBeGreaterThanOrEqual(900);
      expect(answer.ms).toBeLessThan(8000);
    }
    expect(codes).toHaveLength(3);
    expect(codes[0]).toMatch(/^inbox_unavailable: finhooks: no PostgreSQL connection was free within 1000 ms/);

    held.forEach((client) => client.release());
    // The abandoned waits gave their connections straight back: the pool serves again at once.
    expect((await post(url)).status).toBe(200);
    expect(own.totalCount).toBeLessThanOrEqual(2);
  });

  it('inbox: the default timeout (5 s) bounds the answer too', async () => {
    const own = ownPool(DATABASE_URL, 1);
    const { url } = await server(
      createWebhooks({ provider, inbox: postgresInbox(own, { schema }), onError: () => undefined }),
    );
    await exhaust(own, 1);
    const answer = await post(url);
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeGreaterThanOrEqual(4900);
    expect(answer.ms).toBeLessThan(15_000);
  });

  it('store: answers 503 store_unavailable within `timeout`', async () => {
    const own = ownPool(DATABASE_URL, 1);
    const codes: string[] = [];
    const webhooks = createWebhooks({
      provider,
      store: postgresStore(own, { schema, timeout: 1000 }),
      onError: (_error, context) => void codes.push(context.code),
    });
    webhooks.onAny(() => undefined);
    const { url } = await server(webhooks);
    await exhaust(own, 1);
    const answer = await post(url);
    expect(answer).toMatchObject({ status: 503, retryAfter: '30' });
    expect(answer.ms).toBeLessThan(8000);
    expect(codes).toEqual(['store_unavailable']);
  });

  it('refuses a timeout that is not a positive integer', () => {
    expect(() => postgresInbox(pool, { timeout: 0 })).toThrow(/timeout must be a positive integer/);
    expect(() => postgresStore(pool, { timeout: 1.5 })).toThrow(/timeout must be a positive integer/);
  });
});

describe('a bad configuration fails at start with a clear message', () => {
  const notMigrated = (s: string) =>
    new RegExp(
      `schema ${s} is at version 0, this release of @finhooks/postgres needs version ${latest}\\. Run migrate`,
    );

  it('inbox.ready() and store.ready(): resolve on a migrated schema', async () => {
    await expect(postgresInbox(pool, { schema }).ready()).resolves.toBeUndefined();
    await expect(postgresStore(pool, { schema }).ready()).resolves.toBeUndefined();
  });

  it('inbox.ready() and store.ready(): reject when the database is unreachable', async () => {
    const down = ownPool(UNREACHABLE);
    await expect(postgresInbox(down, { schema }).ready()).rejects.toThrow(
      /^finhooks: cannot connect to PostgreSQL \(.*ECONNREFUSED.*\)\. Check the pool's connection settings\.$/,
    );
    await expect(postgresStore(down, { schema }).ready()).rejects.toThrow(/cannot connect to PostgreSQL/);
  });

  it('inbox.ready() and store.ready(): reject when the schema was not migrated, or is behind', async () => {
    await expect(postgresInbox(pool, { schema: missing }).ready()).rejects.toThrow(notMigrated(missing));
    await expect(postgresStore(pool, { schema: missing }).ready()).rejects.toThrow(notMigrated(missing));
    await expect(postgresInbox(pool, { schema: behind }).ready()).rejects.toThrow(
      `schema ${behind} is at version ${latest - 1}, this release of @finhooks/postgres needs version ${latest}.`,
    );
  });

  it('without ready(): a delivery to an unmigrated schema is a 503 whose one log line says to migrate', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanup.push(async () => log.mockRestore());
    const { url } = await server(createWebhooks({ provider, inbox: postgresInbox(pool, { schema: missing }) }));
    expect(await post(url)).toMatchObject({ status: 503, retryAfter: '30' });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).toMatch(/503 inbox_unavailable/);
    expect(line).toMatch(
      new RegExp(`schema ${missing} is not migrated.*Run migrate\\(pool, \\{ schema: '${missing}' \\}\\)`),
    );
  });

  it('worker.ready rejects when the database is unreachable', async () => {
    const down = ownPool(UNREACHABLE);
    const worker = createInboxWorker({ webhooks: createWebhooks({ provider }), pool: down, schema });
    await expect(worker.ready).rejects.toThrow(/^finhooks: cannot connect to PostgreSQL/);
    await worker.close();
  });

  it('worker.ready rejects when the schema is behind this release, and claims nothing', async () => {
    const own = ownPool(DATABASE_URL, 2);
    await own.query(
      `INSERT INTO "${behind}".inbox_events (key, provider, event_id, event_type, event)
       VALUES ('atelio:e1', 'atelio', 'e1', 'card.created', '{}')`,
    );
    const worker = createInboxWorker({
      webhooks: createWebhooks({ provider }),
      pool: own,
      schema: behind,
      pollInterval: 20,
    });
    await expect(worker.ready).rejects.toThrow(`schema ${behind} is at version ${latest - 1}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.close();
    const { rows } = await own.query(`SELECT attempts FROM "${behind}".inbox_events`);
    expect(rows).toEqual([{ attempts: 0 }]);
  });

  it('worker.ready resolves on a migrated schema', async () => {
    const worker = createInboxWorker({ webhooks: createWebhooks({ provider }), pool: ownPool(), schema });
    cleanup.push(() => worker.close());
    await expect(worker.ready).resolves.toBeUndefined();
  });

  it('a receiver process that awaits inbox.ready() exits 1 at start, saying why', async () => {
    const env = { DATABASE_URL: UNREACHABLE, SCHEMA: schema, SECRET };
    await expect(startFixture('receiver', env, 30_000)).rejects.toThrow(
      /exited \(1\) before it was ready\. stderr: finhooks: cannot connect to PostgreSQL/,
    );
  });

  it('a worker process that awaits worker.ready exits at start, saying why', async () => {
    const env = { DATABASE_URL, SCHEMA: missing };
    await expect(startFixture('ledger-worker', env, 30_000)).rejects.toThrow(
      new RegExp(`exited \\(1\\) before it was ready\\. stderr: [\\s\\S]*schema ${missing} is at version 0`),
    );
  });
});
