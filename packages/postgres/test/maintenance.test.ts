import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, purgeInbox, replayDeadEvents } from '../src/index.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const schema = uniqueSchema('maint');
let pool: pg.Pool;

beforeAll(async () => {
  pool = await connectPool();
  await migrate(pool, { schema });
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

/** Inserts an event `status` processed `agoMs` ago. */
async function event(key: string, status: 'pending' | 'done' | 'dead', agoMs = 0): Promise<void> {
  await pool.query(
    `INSERT INTO "${schema}".inbox_events (key, provider, event_id, event_type, event, status, attempts, processed_at)
     VALUES ($1, 'atelio', $1, 'card.created', '{}', $2, 3,
             CASE WHEN $2 = 'pending' THEN NULL ELSE clock_timestamp() - $3::integer * interval '1 millisecond' END)`,
    [key, status, agoMs],
  );
}

async function statuses(): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ key: string; status: string }>(
    `SELECT key, status FROM "${schema}".inbox_events`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.status]));
}

beforeEach(async () => {
  await pool.query(`TRUNCATE "${schema}".inbox_events`);
});

describe('purgeInbox', () => {
  it('deletes done events past the retention, keeps recent ones, pending ones and (by default) dead ones', async () => {
    await event('old-done', 'done', 10_000);
    await event('new-done', 'done', 0);
    await event('old-dead', 'dead', 10_000);
    await event('pending', 'pending');
    expect(await purgeInbox(pool, { schema, retention: 5_000 })).toBe(1);
    expect(await statuses()).toEqual({ 'new-done': 'done', 'old-dead': 'dead', pending: 'pending' });
    expect(await purgeInbox(pool, { schema, retention: 5_000, deadRetention: 5_000 })).toBe(1);
    expect(await statuses()).toEqual({ 'new-done': 'done', pending: 'pending' });
  });

  it('keeps done events 72 h by default, and refuses a nonsense retention', async () => {
    await event('a-day-old', 'done', 24 * 3600_000);
    expect(await purgeInbox(pool, { schema })).toBe(0);
    await expect(purgeInbox(pool, { schema, retention: -1 })).rejects.toThrow(/retention/);
  });
});

describe('replayDeadEvents', () => {
  it('puts dead events (all, or the given keys) back to pending with attempts reset', async () => {
    await event('dead-1', 'dead');
    await event('dead-2', 'dead');
    await event('done', 'done');
    expect(await replayDeadEvents(pool, { schema, keys: ['dead-1', 'done'] })).toBe(1);
    expect(await statuses()).toEqual({ 'dead-1': 'pending', 'dead-2': 'dead', done: 'done' });
    expect(await replayDeadEvents(pool, { schema })).toBe(1);
    const { rows } = await pool.query(
      `SELECT key, status, attempts, processed_at FROM "${schema}".inbox_events WHERE key LIKE 'dead%'`,
    );
    expect(rows.every((row) => row.status === 'pending' && row.attempts === 0 && row.processed_at === null)).toBe(true);
  });
});
