/**
 * Creates or upgrades every table the app needs, at start (server and worker) or from a deploy step
 * (`npm run db:migrate`): finhooks' own (the inbox, with `migrate` of `@finhooks/postgres`), then the
 * app's business tables (each provider's, from `src/db/migrations/<provider>.ts`).
 */
import { migrate } from '@finhooks/postgres';
import type { Pool, PoolClient } from 'pg';
import { appSchema, finhooksSchema } from '../config.js';
import type { AppMigration } from './migration.js';
import { atelioMigrations } from './migrations/atelio.js'; // @provider atelio
import { atomicMigrations } from './migrations/atomic.js'; // @provider atomic
import { moneyhubMigrations } from './migrations/moneyhub.js'; // @provider moneyhub

const APP_MIGRATIONS: AppMigration[] = [
  ...atelioMigrations, // @provider atelio
  ...atomicMigrations, // @provider atomic
  ...moneyhubMigrations, // @provider moneyhub
];

/**
 * Both processes migrate at start, often at the same moment: a session-level advisory lock makes
 * them take turns. It is taken before any transaction begins, so the one that waited starts its
 * transactions afterwards and sees what the first created (a lock taken inside a transaction leaves
 * that transaction with a stale view of the catalog: `CREATE SCHEMA IF NOT EXISTS` would then fail
 * with a duplicate key).
 */
export async function migrateAll(pool: Pool): Promise<{ applied: string[] }> {
  const client = await pool.connect().catch((error: Error) => {
    // Not the URL: it may hold a password.
    throw new Error(`cannot connect to PostgreSQL (${error.message}); check DATABASE_URL.`);
  });
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('app-migrations:' || $1))`, [appSchema]);
    try {
      await migrate(pool, { schema: finhooksSchema });
      return await migrateApp(client, APP_MIGRATIONS);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('app-migrations:' || $1))`, [appSchema]);
    }
  } finally {
    client.release();
  }
}

/** Applies the migrations not yet recorded in `app_migrations`, in order, in one transaction. */
async function migrateApp(client: PoolClient, migrations: readonly AppMigration[]): Promise<{ applied: string[] }> {
  try {
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${appSchema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS app_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ id: string }>('SELECT id FROM app_migrations');
    const done = new Set(rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO app_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
