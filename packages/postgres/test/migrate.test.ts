import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/index.js';
import { runMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';

let pool: pg.Pool;
const schemas: string[] = [];
const fresh = (label: string) => {
  const schema = uniqueSchema(label);
  schemas.push(schema);
  return schema;
};

beforeAll(async () => {
  pool = await connectPool(undefined, 20);
});

afterAll(async () => {
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
});

async function tables(schema: string): Promise<string[]> {
  const { rows } = await pool.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe('migrate', () => {
  it('creates the schema and its tables, records each migration, and does nothing the second time', async () => {
    const schema = fresh('migrate');
    const all = MIGRATIONS.map((m) => m.version);
    expect(await migrate(pool, { schema })).toEqual({ applied: all, version: all.at(-1) });
    expect(await tables(schema)).toEqual([
      'audit_deliveries',
      'entity_marks',
      'finhooks_migrations',
      'idempotency_keys',
      'inbox_events',
    ]);
    const { rows } = await pool.query(`SELECT version, name FROM "${schema}".finhooks_migrations ORDER BY version`);
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(await migrate(pool, { schema })).toEqual({ applied: [], version: all.at(-1) });
  });

  it('is safe when many instances start at once: each migration runs exactly once', async () => {
    const schema = fresh('race');
    const results = await Promise.all(Array.from({ length: 8 }, () => migrate(pool, { schema })));
    const applied = results.flatMap((result) => result.applied);
    expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
  });

  it('serialises concurrent migrators before their transactions begin: 8 at once on a fresh schema, REPEATABLE READ, repeated', async () => {
    // Under REPEATABLE READ a transaction's snapshot is its first statement's: a lock taken inside
    // it would leave the waiters blind to the first migrator's schema and tables.
    const applicationName = `finhooks-tidy-migrate-${process.pid}`;
    const isolated = new pg.Pool({
      connectionString: DATABASE_URL,
      max: 8,
      application_name: applicationName,
      options: '-c default_transaction_isolation=repeatable\\ read',
    });
    isolated.on('error', () => undefined);
    try {
      expect((await isolated.query('SHOW default_transaction_isolation')).rows[0]).toEqual({
        default_transaction_isolation: 'repeatable read',
      });
      for (let round = 0; round < 5; round++) {
        const schema = fresh(`tidy_race_${round}`);
        const results = await Promise.all(Array.from({ length: 8 }, () => migrate(isolated, { schema })));
        expect(results.flatMap((result) => result.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
        expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
      }
      // Every session lock was released: the pooled connections hold none.
      const { rows } = await pool.query<{ held: number }>(
        `SELECT count(*)::int AS held FROM pg_locks JOIN pg_stat_activity USING (pid)
          WHERE locktype = 'advisory' AND application_name = $1`,
        [applicationName],
      );
      expect(rows[0]!.held).toBe(0);
    } finally {
      await isolated.end();
    }
  });

  it('applies only the migrations not yet recorded, in order', async () => {
    const schema = fresh('upgrade');
    expect(await runMigrations(pool, schema, MIGRATIONS.slice(0, 1))).toEqual({ applied: [1], version: 1 });
    expect(await tables(schema)).toEqual(['finhooks_migrations', 'idempotency_keys']);
    expect((await migrate(pool, { schema })).applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
  });

  it('rolls a failing migration back entirely, and says which schema', async () => {
    const schema = fresh('broken');
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'SELECT no_such_function()' }];
    await expect(runMigrations(pool, schema, broken)).rejects.toThrow(/no_such_function/);
    expect(await tables(schema)).toEqual([]);
  });

  it('refuses a schema migrated by a newer release, and a list with a missing migration', async () => {
    const schema = fresh('newer');
    await migrate(pool, { schema });
    await pool.query(`INSERT INTO "${schema}".finhooks_migrations (version, name) VALUES (999, 'future')`);
    await expect(migrate(pool, { schema })).rejects.toThrow(/has migration 999, which this release .* does not know/);
    await expect(runMigrations(pool, fresh('gap'), [MIGRATIONS[1]!])).rejects.toThrow(/migration 1 is missing/);
  });

  it('fails with a clear message when the database is unreachable, and refuses a bad schema name', async () => {
    const down = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    try {
      await expect(migrate(down, { schema: 'finhooks_x' })).rejects.toThrow(
        /cannot connect to PostgreSQL to migrate schema finhooks_x .*ECONNREFUSED/,
      );
    } finally {
      await down.end();
    }
    await expect(migrate(pool, { schema: 'public; DROP' })).rejects.toThrow(/schema must be/);
  });
});
