/**
 * `inbox list` and the dead-event maintenance (replay, purge) stay cheap as done events pile up:
 * asserted on the plans PostgreSQL picks for the package's own statements (EXPLAIN of the exact SQL
 * and parameters they send), on a table of 100,000 done events, and compared with the schema
 * before the migration that added the indexes.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInboxEvents, migrate, purgeInbox, replayDeadEvents } from '../src/index.js';
import { runMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const after = uniqueSchema('tidy_idx');
const before = uniqueSchema('tidy_idx_before');
const DONE = 100_000;
const DEAD = 100;
let pool: pg.Pool;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

/**
 * The plan of the one statement `run` sends through the pool it is given: the same text and
 * parameters, prefixed with EXPLAIN (which plans without executing).
 */
async function planOf(run: (explaining: pg.Pool) => Promise<unknown>): Promise<PlanNode[]> {
  const plans: PlanNode[][] = [];
  const explaining = {
    async query(text: string, params: unknown[]) {
      const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${text}`,
        params,
      );
      plans.push(flatten(rows[0]!['QUERY PLAN'][0].Plan));
      return { rows: [], rowCount: 0 };
    },
  } as unknown as pg.Pool;
  await run(explaining);
  expect(plans).toHaveLength(1);
  return plans[0]!;
}

const types = (nodes: PlanNode[]) => nodes.map((n) => n['Node Type']);
const indexes = (nodes: PlanNode[]) => nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));

async function fill(schema: string): Promise<void> {
  const table = `"${schema}".inbox_events`;
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, status, attempts, received_at, processed_at)
     SELECT 'atelio:done-' || i, 'atelio', 'done-' || i, 'card.created', '{}', 'done', 1,
            now() - i * interval '1 second', now() - i * interval '1 second'
       FROM generate_series(1, $1::integer) AS i`,
    [DONE],
  );
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, status, attempts, received_at, processed_at)
     SELECT 'atelio:dead-' || i, 'atelio', 'dead-' || i, 'card.created', '{}', 'dead', 5,
            now() - interval '3 days', now() - interval '2 days'
       FROM generate_series(1, $1::integer) AS i`,
    [DEAD],
  );
  await pool.query(`ANALYZE ${table}`);
}

beforeAll(async () => {
  pool = await connectPool(undefined, 2);
  await migrate(pool, { schema: after });
  const added = MIGRATIONS.findIndex((m) => m.name === 'inbox_events_list_and_dead_indexes');
  await runMigrations(pool, before, MIGRATIONS.slice(0, added));
  await fill(after);
  await fill(before);
}, 120_000);

afterAll(async () => {
  for (const schema of [after, before]) await dropSchema(pool, schema);
  await pool.end();
});

describe('inbox list', () => {
  it('reads the newest events through inbox_events_received_at: no sort, no sequential scan', async () => {
    const nodes = await planOf((p) => listInboxEvents(p, { schema: after, limit: 50 }));
    expect(indexes(nodes)).toContain('inbox_events_received_at');
    expect(types(nodes)).not.toContain('Sort');
    expect(types(nodes)).not.toContain('Seq Scan');
  });

  it('before the migration it read the whole table and sorted it', async () => {
    const nodes = await planOf((p) => listInboxEvents(p, { schema: before, limit: 50 }));
    expect(types(nodes)).toContain('Seq Scan');
  });
});

describe('dead events', () => {
  it('replay reads only the dead events, through inbox_events_dead', async () => {
    const nodes = await planOf((p) => replayDeadEvents(p, { schema: after }));
    expect(indexes(nodes)).toContain('inbox_events_dead');
    expect(types(nodes)).not.toContain('Seq Scan');
    // Before the migration: every event read to find the dead ones.
    expect(types(await planOf((p) => replayDeadEvents(p, { schema: before })))).toContain('Seq Scan');
  });

  it('purging dead events reads them through inbox_events_dead, done events through their own index', async () => {
    const nodes = await planOf((p) =>
      purgeInbox(p, { schema: after, retention: 30 * 86_400_000, deadRetention: 86_400_000 }),
    );
    expect(indexes(nodes)).toContain('inbox_events_dead');
    expect(indexes(nodes)).toContain('inbox_events_processed_at');
    expect(types(nodes)).not.toContain('Seq Scan');
  });

  it('the real statements still do their work on the indexed table', async () => {
    expect(await listInboxEvents(pool, { schema: after, status: 'dead', limit: 5 })).toHaveLength(5);
    expect(await replayDeadEvents(pool, { schema: after, keys: ['atelio:dead-1'] })).toBe(1);
    expect(await purgeInbox(pool, { schema: after, retention: 30 * 86_400_000, deadRetention: 86_400_000 })).toBe(
      DEAD - 1,
    );
  });
});
