import { runStoreConformance } from '@finhooks/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type PostgresStore, postgresStore } from '../src/index.js';
import { killFixtures } from './support/processes.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';
import { storeContention } from './support/store-contention.js';

let pool: pg.Pool;
const schema = uniqueSchema('store');

beforeAll(async () => {
  pool = await connectPool();
  await migrate(pool, { schema });
});

afterAll(async () => {
  await killFixtures();
  await dropSchema(pool, schema);
  await pool.end();
});

const pools = new WeakMap<object, pg.Pool>();
runStoreConformance('postgresStore: the store contract, on a real PostgreSQL', {
  describe,
  it,
  makeStore: ({ leaseTtl, ttl }) => {
    // Each instance has its own pool, as another process would.
    const own = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
    const store = postgresStore(own, { schema, leaseTtl, ttl });
    pools.set(store, own);
    return store;
  },
  closeStore: (store) => pools.get(store)?.end(),
});

storeContention('postgresStore: two processes contending, on a real PostgreSQL', () => ({
  DATABASE_URL,
  SCHEMA: schema,
}));

async function claimed(store: PostgresStore, key: string): Promise<string> {
  const claim = await store.claim(key);
  if (claim.status !== 'claimed') throw new Error(`expected a claim of ${key}, got ${claim.status}`);
  return claim.token;
}

interface Row {
  state: string;
  token: string | null;
  remaining_ms: number;
}
async function row(key: string): Promise<Row | undefined> {
  const { rows } = await pool.query<Row>(
    `SELECT state, token, (extract(epoch FROM expires_at - clock_timestamp()) * 1000)::float8 AS remaining_ms
       FROM "${schema}".idempotency_keys WHERE key = $1`,
    [key],
  );
  return rows[0];
}

describe('postgresStore', () => {
  it('stores the claim with its token and the lease, then done with the retention', async () => {
    const store = postgresStore(pool, { schema });
    const token = await claimed(store, 'atelio:a');
    expect(await row('atelio:a')).toMatchObject({ state: 'claimed', token });
    expect((await row('atelio:a'))!.remaining_ms).toBeGreaterThan(59_000);
    expect(await store.complete('atelio:a', token)).toBe('completed');
    expect(await row('atelio:a')).toMatchObject({ state: 'done', token: null });
    expect((await row('atelio:a'))!.remaining_ms).toBeGreaterThan(71 * 60 * 60 * 1000);
    // A token crafted to look like another state never matches a done row.
    expect(await store.release('atelio:a', 'done')).toBe('lost');
    expect(await store.release('atelio:a', null as unknown as string)).toBe('lost');
    expect((await row('atelio:a'))?.state).toBe('done');
  });

  it('restarts the lease on extend', async () => {
    const store = postgresStore(pool, { schema, leaseTtl: 5000 });
    const token = await claimed(store, 'atelio:b');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await row('atelio:b'))!.remaining_ms).toBeLessThan(4800);
    expect(await store.extend('atelio:b', token)).toBe('extended');
    expect((await row('atelio:b'))!.remaining_ms).toBeGreaterThan(4800);
  });

  it('purges the rows past their lease or retention, and only those', async () => {
    const store = postgresStore(pool, { schema, leaseTtl: 100, ttl: 100 });
    const lasting = postgresStore(pool, { schema });
    await store.complete('purge:done', await claimed(store, 'purge:done'));
    await claimed(store, 'purge:claim');
    await claimed(lasting, 'purge:kept');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.purge()).toBeGreaterThanOrEqual(2);
    expect(await row('purge:done')).toBeUndefined();
    expect(await row('purge:claim')).toBeUndefined();
    expect((await row('purge:kept'))?.state).toBe('claimed');
  });

  it('rejects promptly while PostgreSQL is unreachable (the pipeline answers 503)', async () => {
    const down = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    try {
      const store = postgresStore(down, { schema });
      const started = Date.now();
      await expect(store.claim('atelio:j')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await down.end();
    }
  });

  it('refuses nonsense options', () => {
    expect(() => postgresStore(pool, { schema: 'Robert"; DROP TABLE x; --' })).toThrow(/schema must be/);
    expect(() => postgresStore(pool, { schema: '1abc' })).toThrow(/schema must be/);
    expect(() => postgresStore(pool, { leaseTtl: 0 })).toThrow(/leaseTtl/);
    expect(() => postgresStore(pool, { ttl: 1.5 })).toThrow(/ttl/);
  });
});
