import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../src/io.js';
import { runCli } from '../src/program.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `fh_test_cli_${process.pid}_${randomUUID().slice(0, 8)}`;
let pool: pg.Pool;

async function finhooks(...args: string[]) {
  const io = bufferIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: DATABASE_URL });
  // Fails (not skips) without PostgreSQL.
  await pool.query('SELECT 1');
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
});

describe('finhooks db migrate', () => {
  it('creates the finhooks tables in the schema, then finds it up to date', async () => {
    const first = await finhooks('db', 'migrate', '--schema', schema, '--database-url', DATABASE_URL);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    // Every migration the package ships, 1…n in order (n grows as migrations are added).
    const applied = new RegExp(
      `^Applied migrations ([\\d, ]+) to schema "${schema}" \\(now version (\\d+)\\)\\.\n$`,
    ).exec(first.stdout);
    expect(applied, first.stdout).not.toBeNull();
    const version = Number(applied![2]);
    expect(applied![1]).toBe(Array.from({ length: version }, (_, i) => i + 1).join(', '));
    expect(version).toBeGreaterThanOrEqual(3);
    const { rows } = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'audit_deliveries',
      'entity_marks',
      'finhooks_migrations',
      'idempotency_keys',
      'inbox_events',
    ]);

    const again = await finhooks('db', 'migrate', '--database-url', DATABASE_URL, '--schema', schema);
    expect(again.stdout).toBe(`Schema "${schema}" is up to date (version ${version}).\n`);
  });

  it('fails with exit code 1 and a clear message, password hidden, when the database is unreachable', async () => {
    const result = await finhooks('db', 'migrate', '--database-url', 'postgres://app:s3cret-pw@127.0.0.1:1/app');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot connect to PostgreSQL.*ECONNREFUSED/);
    expect(result.stderr).toContain('postgres://app:***@127.0.0.1:1/app');
    expect(result.stderr).not.toContain('s3cret-pw');
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    const result = await finhooks('db', 'migrate', '--schema', 'a"; DROP', '--database-url', DATABASE_URL);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/schema must be/);
  });
});
