import { randomUUID } from 'node:crypto';
import {
  type ClaimResult,
  type CompleteResult,
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type ExtendResult,
  type IdempotencyStore,
  type MarkResult,
  type ReleaseResult,
} from '@finhooks/core';
import type { Pool, QueryResultRow } from 'pg';
import {
  assertReady,
  boundedQuery,
  DEFAULT_TIMEOUT_MS,
  guardPool,
  healthCheck,
  isMissingRelation,
  notMigratedMessage,
  type StartupCheck,
} from './connection.js';
import { DEFAULT_SCHEMA, positiveInteger, quoteSchema } from './schema.js';

export interface PostgresStoreOptions {
  /** Schema migrated by `migrate(pool, { schema })`. Default `finhooks`. */
  readonly schema?: string;
  /** How long a completed delivery is remembered, ms. Default 72 h (Atelio retries for 3 days). */
  readonly ttl?: number;
  /** How long a claim holds without `complete`/`release`/`extend`, ms. Default 60 s. */
  readonly leaseTtl?: number;
  /**
   * How long one store call may take — waiting for a free pool connection plus its statement —
   * before it fails (the delivery is answered 503 with Retry-After), ms. Default 5000.
   * node-postgres waits for a free connection forever unless the pool has `connectionTimeoutMillis`.
   */
  readonly timeout?: number;
}

export interface PostgresStore extends IdempotencyStore, StartupCheck {
  /** Retention of completed keys, ms. */
  readonly ttl: number;
  /** Deletes the rows past their lease or retention (they are already free), marks included; returns how many. */
  purge(): Promise<number>;
  /** The stale-event guard's marks, in `<schema>.entity_marks` for the retention TTL (one statement). */
  markLatest(entityKey: string, occurredAtMs: number): Promise<MarkResult>;
  /** `ready()` for `webhooks.health()`: given up when `signal` aborts; code `not_migrated` for an old schema. */
  health(signal: AbortSignal): Promise<void>;
}

/**
 * The idempotency store in a table of your PostgreSQL database (`<schema>.idempotency_keys`), shared
 * by every instance that uses the same database and schema. Each call is one statement, atomic under
 * the row lock `INSERT … ON CONFLICT` takes; times come from the database's clock, so instances with
 * skewed clocks agree on when a lease ends. Expired rows are free at once and deleted by `purge()`
 * (run it from a cron or a timer: nothing is purged by itself).
 * The pool is yours: the store never ends it. Run `migrate(pool, { schema })` first.
 */
export function postgresStore(pool: Pool, options: PostgresStoreOptions = {}): PostgresStore {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.idempotency_keys`;
  const marks = `${quoteSchema(schema)}.entity_marks`;
  const timeout = positiveInteger('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS);
  guardPool(pool);
  const query = async <R extends QueryResultRow>(text: string, values: unknown[]) => {
    try {
      return await boundedQuery<R>(pool, timeout, text, values);
    } catch (error) {
      if (isMissingRelation(error)) throw new Error(notMigratedMessage(schema), { cause: error });
      throw error;
    }
  };
  const ttl = positiveInteger('ttl', options.ttl ?? DEFAULT_RETENTION_MS);
  const leaseTtl = positiveInteger('leaseTtl', options.leaseTtl ?? DEFAULT_LEASE_MS);
  const until = (param: string) => `clock_timestamp() + ${param}::integer * interval '1 millisecond'`;
  /** Held by this token, or free (past its lease or retention): the caller may take the key. */
  const ownsOrFree = `(t.state = 'claimed' AND t.token = $2) OR t.expires_at <= clock_timestamp()`;

  const claimSql = `
    INSERT INTO ${table} AS t (key, state, token, expires_at) VALUES ($1, 'claimed', $2, ${until('$3')})
    ON CONFLICT (key) DO UPDATE SET state = 'claimed', token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
      WHERE t.expires_at <= clock_timestamp()
    RETURNING token`;
  const stateSql = `SELECT state FROM ${table} WHERE key = $1 AND expires_at > clock_timestamp()`;
  const completeSql = `
    INSERT INTO ${table} AS t (key, state, token, expires_at) VALUES ($1, 'done', NULL, ${until('$3')})
    ON CONFLICT (key) DO UPDATE SET state = 'done', token = NULL, expires_at = EXCLUDED.expires_at
      WHERE ${ownsOrFree}
    RETURNING 1`;
  const extendSql = `
    INSERT INTO ${table} AS t (key, state, token, expires_at) VALUES ($1, 'claimed', $2, ${until('$3')})
    ON CONFLICT (key) DO UPDATE SET state = 'claimed', token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
      WHERE ${ownsOrFree}
    RETURNING 1`;
  // The outer SELECT sees the snapshot before the DELETE: `live` tells whether another holder kept it.
  const releaseSql = `
    WITH deleted AS (DELETE FROM ${table} AS t WHERE t.key = $1 AND (${ownsOrFree}) RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted) AS deleted,
           EXISTS (SELECT 1 FROM ${table} WHERE key = $1 AND expires_at > clock_timestamp()) AS live`;

  // Compare and raise under the row lock `INSERT … ON CONFLICT` takes: a row is returned when the
  // time was recorded (new, equal or later, or the old mark expired), none when a later mark holds.
  const markSql = `
    INSERT INTO ${marks} AS m (key, at, expires_at) VALUES ($1, $2, ${until('$3')})
    ON CONFLICT (key) DO UPDATE SET at = EXCLUDED.at, expires_at = EXCLUDED.expires_at
      WHERE m.at <= EXCLUDED.at OR m.expires_at <= clock_timestamp()
    RETURNING 1`;

  return {
    leaseTtl,
    ttl,
    async markLatest(entityKey, occurredAtMs): Promise<MarkResult> {
      if (!Number.isSafeInteger(occurredAtMs)) {
        throw new TypeError('markLatest: the occurrence time must be an integer number of ms.');
      }
      const { rowCount } = await query(markSql, [entityKey, occurredAtMs, ttl]);
      return rowCount === 1 ? 'latest' : 'stale';
    },
    async claim(key): Promise<ClaimResult> {
      // A key freed between the two statements (released, expired) is tried again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const token = randomUUID();
        const claimed = await query(claimSql, [key, token, leaseTtl]);
        if (claimed.rowCount === 1) return { status: 'claimed', token };
        const { rows } = await query<{ state: 'claimed' | 'done' }>(stateSql, [key]);
        if (rows[0]?.state === 'done') return { status: 'duplicate' };
        if (rows[0]?.state === 'claimed') return { status: 'in-flight' };
      }
      return { status: 'in-flight' };
    },
    async complete(key, token): Promise<CompleteResult> {
      const { rowCount } = await query(completeSql, [key, token, ttl]);
      return rowCount === 1 ? 'completed' : 'lost';
    },
    async release(key, token): Promise<ReleaseResult> {
      const { rows } = await query<{ deleted: boolean; live: boolean }>(releaseSql, [key, token]);
      return rows[0]!.deleted || !rows[0]!.live ? 'released' : 'lost';
    },
    async extend(key, token): Promise<ExtendResult> {
      const { rowCount } = await query(extendSql, [key, token, leaseTtl]);
      return rowCount === 1 ? 'extended' : 'lost';
    },
    ready: () => assertReady(pool, schema, timeout),
    health: (signal) => healthCheck(pool, schema, timeout, signal),
    async purge() {
      const { rowCount } = await pool.query(`DELETE FROM ${table} WHERE expires_at <= clock_timestamp()`);
      const purgedMarks = await pool.query(`DELETE FROM ${marks} WHERE expires_at <= clock_timestamp()`);
      return (rowCount ?? 0) + (purgedMarks.rowCount ?? 0);
    },
  };
}
