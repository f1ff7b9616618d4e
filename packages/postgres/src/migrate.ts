import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS, type Migration } from './migrations.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema.js';

export interface MigrateOptions {
  /** Schema of the finhooks tables, created if missing. Default `finhooks`. */
  readonly schema?: string;
}

export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was up to date). */
  readonly applied: readonly number[];
  /** The schema's version afterwards. */
  readonly version: number;
}

/**
 * Creates or upgrades the finhooks tables in `schema`: applies the package's migrations not yet
 * recorded in `<schema>.finhooks_migrations`, in order, in one transaction. An advisory lock (per
 * schema) taken before that transaction begins serialises concurrent starts: the second waits, then
 * finds nothing to do.
 * Fails with a clear message when the database is unreachable, or when the schema was migrated by a
 * newer release of this package (a version this release does not know).
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<MigrateResult> {
  return runMigrations(pool, options.schema ?? DEFAULT_SCHEMA, MIGRATIONS);
}

/** `migrate` with an explicit list (tests use it to check ordering and gaps). */
export async function runMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  const quoted = quoteSchema(schema);
  checkSequence(migrations);
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new Error(
      `finhooks: cannot connect to PostgreSQL to migrate schema ${schema} (${(error as Error).message}). Check the pool's connection settings.`,
      { cause: error },
    );
  }
  // Session-level and taken before BEGIN: the transaction's first snapshot is then taken once the
  // previous migrator committed, so it sees that migrator's schema and tables even under REPEATABLE
  // READ (a lock taken inside the transaction comes after its snapshot at that isolation level).
  const lock = lockId(schema);
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [lock]);
  } catch (error) {
    client.release(true);
    throw error;
  }
  try {
    return await migrateLocked(client, schema, quoted, migrations);
  } finally {
    // A session lock outlives the transaction: unlock before the connection goes back to the pool,
    // or destroy the connection (which releases the lock) when unlocking fails.
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [lock]).catch(() => {
      broken = true;
    });
    client.release(broken);
  }
}

/** The migrations in one transaction, the advisory lock held. */
async function migrateLocked(
  client: PoolClient,
  schema: string,
  quoted: string,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  try {
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.finhooks_migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${quoted}.finhooks_migrations ORDER BY version`,
    );
    const done = new Set(rows.map((row) => row.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new Error(
        `finhooks: schema ${schema} has migration ${unknown.join(', ')}, which this release of @finhooks/postgres does not know (it ships 1 to ${migrations.length}). Upgrade @finhooks/postgres, or use another schema.`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql.replaceAll('{schema}', quoted));
      await client.query(`INSERT INTO ${quoted}.finhooks_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied, version: migrations.at(-1)?.version ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Migrations must be numbered 1, 2, 3… without a gap, or one would silently never run. */
function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `finhooks: migration ${index + 1} is missing (found version ${migration.version} in its place); the package is broken, reinstall it.`,
      );
    }
  });
}

/** A stable 64-bit advisory lock id per schema (FNV-1a of a namespaced name). */
function lockId(schema: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`finhooks:migrate:${schema}`)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, hash).toString();
}
