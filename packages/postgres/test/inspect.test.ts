import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInboxEvent, listInboxEvents, migrate } from '../src/index.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

const schema = uniqueSchema('inspect');
let pool: pg.Pool;

beforeAll(async () => {
  pool = await connectPool();
  await migrate(pool, { schema });
  // Received one second apart, oldest first: a, b, c, d.
  const events: Array<[string, string, string, string]> = [
    ['atelio:id:a', 'a', 'card.created', 'pending'],
    ['atelio-us:id:b', 'b', 'card.created', 'dead'],
    ['atelio:id:c', 'c', 'card.activated', 'done'],
    ['atelio:id:d', 'd', 'card.created', 'dead'],
  ];
  for (const [index, [key, id, type, status]] of events.entries()) {
    await pool.query(
      `INSERT INTO "${schema}".inbox_events (key, provider, event_id, event_type, event, status, attempts, received_at, last_error)
       VALUES ($1, 'atelio', $2, $3, $4, $5, $6, now() - $7::integer * interval '1 second', $8)`,
      [
        key,
        id,
        type,
        JSON.stringify({ id, type, payload: { secret: `payload-of-${id}` } }),
        status,
        status === 'dead' ? 5 : 1,
        10 - index,
        status === 'dead' ? 'boom' : null,
      ],
    );
  }
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

describe('listInboxEvents', () => {
  it('lists newest first without payloads, filtered by status, instance (exactly) and type', async () => {
    const keys = async (options: Parameters<typeof listInboxEvents>[1] = {}) =>
      (await listInboxEvents(pool, { schema, ...options })).map((event) => event.key);
    expect(await keys()).toEqual(['atelio:id:d', 'atelio:id:c', 'atelio-us:id:b', 'atelio:id:a']);
    expect(await keys({ status: 'dead' })).toEqual(['atelio:id:d', 'atelio-us:id:b']);
    // "atelio" is a prefix of "atelio-us": the filter is on the whole instance name.
    expect(await keys({ instance: 'atelio' })).toEqual(['atelio:id:d', 'atelio:id:c', 'atelio:id:a']);
    expect(await keys({ instance: 'atelio-us' })).toEqual(['atelio-us:id:b']);
    expect(await keys({ type: 'card.activated' })).toEqual(['atelio:id:c']);
    expect(await keys({ limit: 2 })).toEqual(['atelio:id:d', 'atelio:id:c']);
    const [first] = await listInboxEvents(pool, { schema, limit: 1 });
    expect(first).toMatchObject({ instance: 'atelio', eventId: 'd', status: 'dead', attempts: 5, lastError: 'boom' });
    expect(JSON.stringify(first)).not.toContain('payload-of');
  });

  it('refuses an unknown status and a bad limit', async () => {
    await expect(listInboxEvents(pool, { schema, status: 'failed' as 'dead' })).rejects.toThrow(/status must be/);
    await expect(listInboxEvents(pool, { schema, limit: 0 })).rejects.toThrow(/limit/);
  });
});

describe('getInboxEvent', () => {
  it('returns one event with its stored payload, or undefined', async () => {
    expect(await getInboxEvent(pool, 'atelio:id:c', { schema })).toMatchObject({
      key: 'atelio:id:c',
      status: 'done',
      event: { id: 'c', payload: { secret: 'payload-of-c' } },
    });
    expect(await getInboxEvent(pool, 'atelio:id:nope', { schema })).toBeUndefined();
  });
});
