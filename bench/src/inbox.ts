/**
 * The PostgreSQL inbox (issue #12) against the memory store and BullMQ queue mode, in the same run:
 *   - receiver: req/s and p99 of one receiver process (core pipeline on node:http, 1 KB Atelio
 *     events) with the memory store (no-op handler in the request), the inbox (one INSERT before
 *     the 200) and BullMQ queue mode (`redisQueue`, memory store: its cheapest configuration);
 *   - end to end: N events sent over HTTP to a receiver while a worker process runs, until the
 *     handler's effect (one INSERT into a business table in PostgreSQL, in both modes) exists for
 *     all N — events/s of `createInboxWorker` against BullMQ's `createWorker`;
 *   - claim: the worker's claim statement with 1,000 and with 1,000,000 done events.
 * Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and Redis
 * (REDIS_URL, default redis://127.0.0.1:6379); everything it creates is under a unique schema and
 * key prefix, removed at the end. This file is also the entry of its child processes (BENCH_INBOX_ROLE).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createWebhooks, type Webhooks } from '@finhooks/core';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '@finhooks/core/adapter';
import { createInboxWorker, inboxTransaction, migrate, postgresInbox } from '@finhooks/postgres';
import { createWorker, redisQueue } from '@finhooks/redis';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { serverLaunch } from './cpu-pinning.js';
import { atelioBenchProvider, atelioPool, type Delivery } from './payloads.js';
import { median, percentile } from './stats.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PATH = '/webhooks';
/** Worker settings, the same for both: 4 handlers at once. */
const WORKER_CONCURRENCY = 4;
const INBOX_BATCH = 10;

export type ReceiverMode = 'memory' | 'inbox' | 'bullmq';
export type WorkerMode = 'inbox' | 'bullmq';

export interface InboxShape {
  readonly warmup: number;
  readonly amount: number;
  readonly connections: number;
  /** Events sent through receiver + worker, end to end. */
  readonly endToEnd: number;
  /** Timed claims per table size. */
  readonly claims: number;
}

export const INBOX_SHAPE: Record<'quick' | 'full', InboxShape> = {
  quick: { warmup: 500, amount: 3_000, connections: 8, endToEnd: 3_000, claims: 30 },
  full: { warmup: 2_000, amount: 10_000, connections: 8, endToEnd: 10_000, claims: 100 },
};

export interface ReceiverFigure {
  readonly mode: ReceiverMode;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
}

export interface InboxSummary {
  readonly shape: InboxShape;
  readonly receivers: readonly ReceiverFigure[];
  readonly endToEnd: readonly { readonly mode: WorkerMode; readonly eventsPerSec: number; readonly seconds: number }[];
  /** Median claim of one batch, ms, by done events in the table. */
  readonly claimMs: { readonly done1k: number; readonly done1m: number };
}

/** The worker's claim statement (packages/postgres/src/worker.ts `claimStatement`), timed as it is. */
const claimSql = (table: string) => `
    UPDATE ${table} SET attempts = attempts + 1, available_at = clock_timestamp() + $2::integer * interval '1 millisecond'
     WHERE key IN (SELECT key FROM ${table}
                    WHERE status = 'pending' AND split_part(key, ':', 1) = $3 AND available_at <= clock_timestamp()
                    ORDER BY available_at
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED)
    RETURNING key`;

// ---- child processes --------------------------------------------------------------------------

interface ChildEnv {
  readonly BENCH_INBOX_ROLE: 'receiver' | 'worker';
  readonly BENCH_INBOX_MODE: ReceiverMode;
  readonly BENCH_SCHEMA: string;
  readonly BENCH_PREFIX: string;
}

async function childMain(env: ChildEnv): Promise<void> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 8 });
  pool.on('error', () => undefined);
  const schema = env.BENCH_SCHEMA;
  const provider = atelioBenchProvider();
  const mode = env.BENCH_INBOX_MODE;
  if (env.BENCH_INBOX_ROLE === 'receiver') {
    const queue = mode === 'bullmq' ? redisQueue({ connection: REDIS_URL, prefix: env.BENCH_PREFIX }) : undefined;
    const webhooks: Webhooks = createWebhooks({
      provider,
      ...(mode === 'inbox' && { inbox: postgresInbox(pool, { schema }) }),
      ...(queue && { queue }),
    });
    if (mode === 'memory') webhooks.onAny(() => undefined);
    const server = createServer((req, res) => {
      void handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.send!({ port: (server.address() as AddressInfo).port });
    return;
  }
  // Worker: the same effect in both modes, one row in the business table.
  const book = (client: pg.Pool | pg.PoolClient, id: string) =>
    client.query(`INSERT INTO "${schema}".ledger (event_id) VALUES ($1)`, [id]);
  const webhooks = createWebhooks({ provider });
  if (mode === 'inbox') {
    webhooks.onAny(async (event) => void (await book(inboxTransaction(), event.id)));
    const worker = createInboxWorker({
      webhooks,
      pool,
      schema,
      concurrency: WORKER_CONCURRENCY,
      batchSize: INBOX_BATCH,
      pollInterval: 20,
    });
    await worker.ready;
  } else {
    webhooks.onAny(async (event) => void (await book(pool, event.id)));
    createWorker(webhooks, { connection: REDIS_URL, prefix: env.BENCH_PREFIX, concurrency: WORKER_CONCURRENCY });
  }
  process.send!({ ready: true });
}

function startChild(env: ChildEnv): Promise<{ child: ChildProcess; port?: number }> {
  const file = fileURLToPath(import.meta.url);
  const child = fork(file, [], {
    ...serverLaunch(file.endsWith('.ts') ? ['--import', 'tsx'] : []),
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port?: number }) => resolve({ child, ...message }));
    child.once('exit', (code) =>
      reject(new Error(`inbox bench ${env.BENCH_INBOX_ROLE} exited (${code}) before it was ready`)),
    );
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

// ---- load -------------------------------------------------------------------------------------

interface Load {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly seconds: number;
}

async function load(port: number, deliveries: readonly Delivery[], connections: number): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  let non2xx = 0;
  const started = process.hrtime.bigint();
  let instance!: autocannon.Instance;
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${PATH}`,
        connections,
        amount: deliveries.length,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: PATH,
            setupRequest(request) {
              const delivery = deliveries[next++ % deliveries.length]!;
              request.headers = { ...delivery.headers };
              request.body = delivery.body;
              return request;
            },
          },
        ],
      },
      (error: unknown) => (error ? reject(error as Error) : resolve()),
    );
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status < 200 || status > 299) non2xx++;
  });
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    non2xx,
    seconds,
  };
}

// ---- the bench --------------------------------------------------------------------------------

export async function inboxBench(quick: boolean, log: (line: string) => void): Promise<InboxSummary> {
  const shape = INBOX_SHAPE[quick ? 'quick' : 'full'];
  const tag = `${process.pid}_${randomUUID().slice(0, 8)}`;
  const schema = `fh_bench_${tag}`;
  const prefix = `fhbench-${tag}`;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const redis = new Redis(REDIS_URL);
  const children: ChildProcess[] = [];
  const child = async (role: ChildEnv['BENCH_INBOX_ROLE'], mode: ReceiverMode) => {
    const started = await startChild({
      BENCH_INBOX_ROLE: role,
      BENCH_INBOX_MODE: mode,
      BENCH_SCHEMA: schema,
      BENCH_PREFIX: prefix,
    });
    children.push(started.child);
    return started;
  };
  try {
    await migrate(pool, { schema });
    await pool.query(`CREATE TABLE "${schema}".ledger (event_id text NOT NULL)`);
    const pool1k = await atelioPool(3 * (shape.warmup + shape.amount) + 2 * shape.endToEnd);
    let cursor = 0;
    const take = (n: number) => pool1k.slice(cursor, (cursor += n));

    const receivers: ReceiverFigure[] = [];
    for (const mode of ['memory', 'inbox', 'bullmq'] as const) {
      const { child: server, port } = await child('receiver', mode);
      await load(port!, take(shape.warmup), shape.connections);
      const measured = await load(port!, take(shape.amount), shape.connections);
      await stop(server);
      receivers.push({ mode, ...measured });
      log(
        `  inbox bench receiver ${mode.padEnd(6)} ${measured.reqPerSec.toFixed(0).padStart(6)} req/s, p99 ${measured.p99.toFixed(1)} ms${measured.non2xx ? `, ${measured.non2xx} non-2xx` : ''}`,
      );
    }

    const endToEnd: InboxSummary['endToEnd'][number][] = [];
    for (const mode of ['inbox', 'bullmq'] as const) {
      await pool.query(`TRUNCATE "${schema}".ledger`);
      const { child: worker } = await child('worker', mode);
      const { child: server, port } = await child('receiver', mode);
      const started = process.hrtime.bigint();
      const sent = await load(port!, take(shape.endToEnd), shape.connections);
      let booked = 0;
      while (booked < shape.endToEnd - sent.non2xx) {
        if (process.hrtime.bigint() - started > 600_000_000_000n) {
          throw new Error(`inbox bench: ${mode} booked ${booked} of ${shape.endToEnd} events in 10 minutes`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
        booked = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".ledger`)).rows[0]!.n;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await Promise.all([stop(server), stop(worker)]);
      endToEnd.push({ mode, seconds, eventsPerSec: booked / seconds });
      log(`  inbox bench end to end ${mode.padEnd(6)} ${(booked / seconds).toFixed(0).padStart(6)} events/s`);
    }

    const claimMs = { done1k: await claimTime(pool, schema, 1_000, shape), done1m: 0 };
    log(`  inbox bench claim with 1k done: ${claimMs.done1k.toFixed(3)} ms; filling 1M done events …`);
    claimMs.done1m = await claimTime(pool, schema, 1_000_000, shape);
    log(`  inbox bench claim with 1M done: ${claimMs.done1m.toFixed(3)} ms`);
    return { shape, receivers, endToEnd, claimMs };
  } finally {
    await Promise.all(children.map(stop));
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await deleteKeys(redis, `${prefix}:*`);
    redis.disconnect();
    await pool.end();
  }
}

/** Median time of the worker's claim of one batch with `done` done events in the table (rolled back each time). */
async function claimTime(pool: pg.Pool, schema: string, done: number, shape: InboxShape): Promise<number> {
  const table = `"${schema}".inbox_events`;
  await pool.query(`TRUNCATE ${table}`);
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, status, attempts, processed_at)
     SELECT 'atelio:done-' || i, 'atelio', 'done-' || i, 'card.created', '{}', 'done', 1, now()
       FROM generate_series(1, $1::integer) AS i`,
    [done],
  );
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event)
     SELECT 'atelio:p-' || i, 'atelio', 'p-' || i, 'card.created', '{}' FROM generate_series(1, 100) AS i`,
  );
  await pool.query(`ANALYZE ${table}`);
  const client = await pool.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < shape.claims + 5; i++) {
      await client.query('BEGIN');
      const started = process.hrtime.bigint();
      await client.query(claimSql(table), [INBOX_BATCH, 30_000, 'atelio']);
      if (i >= 5) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      await client.query('ROLLBACK');
    }
  } finally {
    client.release();
  }
  return median(times);
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

// ---- report -----------------------------------------------------------------------------------

export const INBOX_TARGETS = { endToEnd: 0.5, p99: 2 } as const;

export function inboxTargetsMissed(summary: InboxSummary): boolean {
  const { e2eRatio, p99Ratio } = ratios(summary);
  return e2eRatio < INBOX_TARGETS.endToEnd || p99Ratio > INBOX_TARGETS.p99;
}

function ratios(summary: InboxSummary) {
  const receiver = (mode: ReceiverMode) => summary.receivers.find((r) => r.mode === mode)!;
  const e2e = (mode: WorkerMode) => summary.endToEnd.find((r) => r.mode === mode)!;
  return {
    e2eRatio: e2e('inbox').eventsPerSec / e2e('bullmq').eventsPerSec,
    p99Ratio: receiver('inbox').p99 / receiver('memory').p99,
  };
}

export function inboxSection(summary: InboxSummary): string {
  const { shape } = summary;
  const { e2eRatio, p99Ratio } = ratios(summary);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    '## PostgreSQL inbox against the memory store and BullMQ (issue #12)',
    '',
    `One receiver process (node:http + core pipeline, 1 KB Atelio events), ${shape.warmup} warm-up + ${shape.amount} measured requests, ${shape.connections} connections. ` +
      `End to end: ${shape.endToEnd} events over HTTP while one worker process runs (concurrency ${WORKER_CONCURRENCY}; inbox batches of ${INBOX_BATCH}); ` +
      'each handler books one row in a PostgreSQL table (in the inbox transaction; autocommit under BullMQ), timed until all rows exist. ' +
      'BullMQ queue mode uses the memory store (its cheapest configuration). One run, no rounds: on a shared machine these figures are noisy.',
    '',
    '| receiver | req/s | p50 ms | p99 ms | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...summary.receivers.map(
      (r) => `| ${r.mode} | ${r.reqPerSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.non2xx} |`,
    ),
    '',
    '| end to end | events/s | seconds |',
    '| --- | ---: | ---: |',
    ...summary.endToEnd.map((r) => `| ${r.mode} | ${r.eventsPerSec.toFixed(0)} | ${r.seconds.toFixed(1)} |`),
    '',
    `Claiming a batch of ${INBOX_BATCH} (the worker's claim statement, median of ${shape.claims}): ${summary.claimMs.done1k.toFixed(3)} ms with 1,000 done events, ${summary.claimMs.done1m.toFixed(3)} ms with 1,000,000.`,
    '',
    `Targets: inbox end to end ≥ ${INBOX_TARGETS.endToEnd} × BullMQ — ${e2eRatio.toFixed(2)} × (${verdict(e2eRatio >= INBOX_TARGETS.endToEnd)}); ` +
      `inbox receiver p99 ≤ ${INBOX_TARGETS.p99} × the memory store — ${p99Ratio.toFixed(2)} × (${verdict(p99Ratio <= INBOX_TARGETS.p99)}).`,
    '',
  ].join('\n');
}

if (process.env.BENCH_INBOX_ROLE) await childMain(process.env as unknown as ChildEnv);
