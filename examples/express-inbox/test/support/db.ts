/**
 * The real PostgreSQL the tests run against (`DATABASE_URL`, default the local one). Each test file
 * gets schemas of its own (the app's tables and finhooks' inbox), dropped at the end, so files and
 * other users of the database never see each other's rows. No database is a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** `APP_SCHEMA` and `FINHOOKS_SCHEMA` for the processes under test. */
  readonly env: { DATABASE_URL: string; APP_SCHEMA: string; FINHOOKS_SCHEMA: string };
  /** Rows of a query on the app's schema (unqualified names are the app's tables). */
  rows<T extends Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  /** The inbox rows (`status`, `attempts`, …) whose event id is `eventId`. */
  inbox(eventId: string): Promise<Array<{ key: string; status: string; attempts: number }>>;
  /** How many events the inbox holds. */
  inboxSize(): Promise<number>;
  drop(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const appSchema = `example_app_${suffix}`;
  const finhooksSchema = `example_hooks_${suffix}`;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, options: `-c search_path=${appSchema}`, max: 2 });
  await pool.query('SELECT 1').catch((error: Error) => {
    throw new Error(`These tests need PostgreSQL at ${DATABASE_URL} (set DATABASE_URL): ${error.message}`);
  });
  return {
    env: { DATABASE_URL, APP_SCHEMA: appSchema, FINHOOKS_SCHEMA: finhooksSchema },
    rows: async (sql, values) => (await pool.query(sql, values)).rows,
    inbox: async (eventId) =>
      (await pool.query(`SELECT key, status, attempts FROM "${finhooksSchema}".inbox_events WHERE event_id = $1`, [eventId])).rows,
    inboxSize: async () => Number((await pool.query(`SELECT count(*) AS n FROM "${finhooksSchema}".inbox_events`)).rows[0].n),
    drop: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${appSchema}" CASCADE; DROP SCHEMA IF EXISTS "${finhooksSchema}" CASCADE`);
      await pool.end();
    },
  };
}
