import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The shared PostgreSQL every test uses. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A pool on DATABASE_URL, checked with a query; fails with a message that says what to do: these
 * tests must fail, not skip, when PostgreSQL is missing.
 */
export async function connectPool(url = DATABASE_URL, max = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//…@')} (${(error as Error).message}). These tests need a real PostgreSQL: start it or set DATABASE_URL.`,
    );
  }
  return pool;
}

/** A schema name unique to this run (other helpers and runs share the server). */
export function uniqueSchema(label: string): string {
  return `fh_test_${label}_${process.pid}_${randomUUID().slice(0, 8)}`;
}

/** Drops a schema this run created. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
