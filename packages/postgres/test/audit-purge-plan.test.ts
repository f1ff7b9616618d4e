/**
 * `purgeAudit` stays cheap as the audit trail grows: the plans PostgreSQL picks for its two
 * statements (EXPLAIN of the exact SQL and parameters sent) on 100,000 deliveries read them through
 * `audit_deliveries_raw_body` and `audit_deliveries_received_at`, never the whole table.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, purgeAudit } from '../src/index.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const schema = uniqueSchema('audit_purge_plan');
const ROWS = 100_000;
let pool: pg.Pool;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

/** The plans of the statements `purgeAudit` sends, in order, each prefixed with EXPLAIN (planned, not run). */
async function plansOfPurge(options: { retention?: number }): Promise<PlanNode[][]> {
  const plans: PlanNode[][] = [];
  const explaining = {
    async query(text: string, params: unknown[] = []) {
      const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`, params);
      plans.push(flatten(rows[0]!['QUERY PLAN'][0].Plan));
      return { rows: [], rowCount: 0 };
    },
  } as unknown as pg.Pool;
  await purgeAudit(explaining, { schema, ...options });
  return plans;
}

beforeAll(async () => {
  pool = await connectPool(undefined, 2);
  await migrate(pool, { schema });
  // Recent deliveries, most without a raw body (refusals, or bodies already cleared).
  await pool.query(
    `INSERT INTO "${schema}".audit_deliveries
       (received_at, provider, instance, event_id, event_type, status, outcome, verification, latency_ms, attempt, raw_body, raw_body_expires_at)
     SELECT now() - i * interval '1 second', 'atelio', 'atelio', 'e-' || i, 'card.created', 200, 'accepted', 'passed', 3, 1,
            CASE WHEN i % 100 = 0 THEN '\\x7b7d'::bytea END,
            CASE WHEN i % 100 = 0 THEN now() + interval '7 days' - i * interval '1 second' END
       FROM generate_series(1, $1::integer) AS i`,
    [ROWS],
  );
  await pool.query(`ANALYZE "${schema}".audit_deliveries`);
}, 120_000);

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

describe('purgeAudit on a large audit trail', () => {
  it('finds expired raw bodies through audit_deliveries_raw_body and old rows through audit_deliveries_received_at', async () => {
    const [clear, remove] = await plansOfPurge({ retention: 30 * 86_400_000 });
    expect(clear!.map((n) => n['Index Name'])).toContain('audit_deliveries_raw_body');
    expect(remove!.map((n) => n['Index Name'])).toContain('audit_deliveries_received_at');
    for (const plan of [clear!, remove!]) expect(plan.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });

  it('still does its work: clears what expired, deletes what is older than the retention', async () => {
    await pool.query(
      `UPDATE "${schema}".audit_deliveries SET raw_body_expires_at = now() - interval '1 minute' WHERE event_id = 'e-100'`,
    );
    await pool.query(
      `UPDATE "${schema}".audit_deliveries SET received_at = now() - interval '40 days' WHERE event_id IN ('e-1', 'e-2')`,
    );
    expect(await purgeAudit(pool, { schema, retention: 30 * 86_400_000 })).toEqual({ rawBodies: 1, deliveries: 2 });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM "${schema}".audit_deliveries WHERE raw_body IS NOT NULL AND raw_body_expires_at <= now()`,
    );
    expect(rows[0].n).toBe(0);
  });
});
