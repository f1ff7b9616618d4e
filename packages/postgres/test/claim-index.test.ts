/**
 * Claiming stays O(log n) as the inbox grows: with 1,000,000 done events (and a backlog of another
 * instance's pending events) the worker's claim reads the same index pages and the same rows as with
 * 1,000 — asserted on the plan PostgreSQL runs (EXPLAIN ANALYZE), not on wall time (the bench times it).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/index.js';
import { runMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { claimStatement } from '../src/worker.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const small = uniqueSchema('claim_1k');
const large = uniqueSchema('claim_1m');
// The same data at version 2 (before the claim index): what the migration fixed.
const before = uniqueSchema('claim_v2');
const BATCH = 10;
const OWN_PENDING = 50;
const OTHER_PENDING = 5000;
let pool: pg.Pool;

/** `done` done events of instance `atelio`, then pending ones of `atelio` and of `other`, then ANALYZE. */
async function fill(schema: string, done: number): Promise<void> {
  const table = `"${schema}".inbox_events`;
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, status, attempts, available_at, received_at, processed_at)
     SELECT 'atelio:done-' || i, 'atelio', 'done-' || i, 'card.created', '{}', 'done', 1,
            now() - interval '2 days', now() - interval '2 days', now() - interval '1 day'
       FROM generate_series(1, $1::integer) AS i`,
    [done],
  );
  // The other instance's backlog is older: in available_at order it comes first.
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, available_at)
     SELECT 'other:p-' || i, 'atelio', 'p-' || i, 'card.created', '{}', now() - interval '1 hour'
       FROM generate_series(1, $1::integer) AS i`,
    [OTHER_PENDING],
  );
  await pool.query(
    `INSERT INTO ${table} (key, provider, event_id, event_type, event, available_at)
     SELECT 'atelio:p-' || i, 'atelio', 'p-' || i, 'card.created', '{}', now() - interval '1 minute'
       FROM generate_series(1, $1::integer) AS i`,
    [OWN_PENDING],
  );
  // What autovacuum does to a table that grew: the planner sees its real size.
  await pool.query(`ANALYZE ${table}`);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** EXPLAIN ANALYZE of the worker's claim, run in a transaction rolled back (nothing is claimed). */
async function claimPlan(schema: string): Promise<PlanNode[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${claimStatement(`"${schema}".inbox_events`)}`,
      [BATCH, 30_000, 'atelio'],
    );
    const nodes: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      nodes.push(node);
      node.Plans?.forEach(walk);
    };
    walk(rows[0]!['QUERY PLAN'][0].Plan);
    return nodes;
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/** The scan that picks the events to claim: the one over the pending events (not the key lookup). */
function pickScan(nodes: PlanNode[]): PlanNode {
  // Scans of the table itself (not the subquery's), other than the lookup of claimed keys by primary key.
  const scans = nodes.filter(
    (n) =>
      ['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Index Scan'].includes(n['Node Type']) &&
      n['Index Name'] !== 'inbox_events_pkey',
  );
  expect(scans, JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name']]))).toHaveLength(1);
  return scans[0]!;
}

beforeAll(async () => {
  pool = await connectPool(undefined, 2);
  await Promise.all([migrate(pool, { schema: small }), migrate(pool, { schema: large })]);
  await runMigrations(pool, before, MIGRATIONS.slice(0, 2));
  await fill(small, 1000);
  await fill(large, 1_000_000);
  await fill(before, 1000);
}, 600_000);

afterAll(async () => {
  for (const schema of [small, large, before]) await dropSchema(pool, schema);
  await pool.end();
});

describe('claiming a batch', () => {
  it('with 1,000,000 done events reads what it reads with 1,000: only the rows it claims, through inbox_events_claim', async () => {
    const plans = { small: await claimPlan(small), large: await claimPlan(large) };
    for (const nodes of Object.values(plans)) {
      const scan = pickScan(nodes);
      expect(scan['Node Type']).toBe('Index Scan');
      expect(scan['Index Name']).toBe('inbox_events_claim');
      expect(scan['Index Cond']).toMatch(/split_part\(key, ':'::text, 1\) = 'atelio'::text/);
      // Ordered by the index: no sort of the pending events, no sequential scan of the table.
      expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
      expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      // It stepped over nothing: neither done events nor the other instance's backlog.
      expect(scan['Actual Rows']).toBe(BATCH);
      expect(scan['Rows Removed by Filter'] ?? 0).toBe(0);
    }
    // Same pages touched (the partial index holds only pending events: the same in both).
    const pages = (nodes: PlanNode[]) => pickScan(nodes)['Shared Hit Blocks'] + pickScan(nodes)['Shared Read Blocks'];
    expect(pages(plans.large)).toBeLessThanOrEqual(pages(plans.small) + 2);
  });

  it('before migration 3 it stepped over every due event of the other instances sharing the table', async () => {
    // A sequential scan, or inbox_events_pending in available_at order: O(pending) either way.
    const scan = pickScan(await claimPlan(before));
    expect(scan['Rows Removed by Filter']).toBeGreaterThanOrEqual(OTHER_PENDING);
  });
});
