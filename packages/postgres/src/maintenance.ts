import { DEFAULT_RETENTION_MS } from '@finhooks/core';
import type { Pool } from 'pg';
import { DEFAULT_SCHEMA, positiveInteger, quoteSchema } from './schema.js';

export interface PurgeInboxOptions {
  readonly schema?: string;
  /**
   * How long a `done` event is kept after it was processed, ms. Default 72 h: a redelivery that
   * comes after its row was deleted is stored and handled again, so keep it at least as long as the
   * provider retries (Atelio: 3 days).
   */
  readonly retention?: number;
  /** How long a `dead` event is kept, ms. Default: forever (dead events wait for you to replay or delete them). */
  readonly deadRetention?: number;
}

/** Deletes the `done` (and, with `deadRetention`, `dead`) events older than their retention; returns how many. */
export async function purgeInbox(pool: Pool, options: PurgeInboxOptions = {}): Promise<number> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.inbox_events`;
  const retention = positiveInteger('retention', options.retention ?? DEFAULT_RETENTION_MS);
  const dead = options.deadRetention === undefined ? null : positiveInteger('deadRetention', options.deadRetention);
  const { rowCount } = await pool.query(
    // now(), not clock_timestamp(): a volatile bound cannot be an index condition, and each branch
    // reads its own partial index (inbox_events_processed_at, inbox_events_dead) only with a stable one.
    `DELETE FROM ${table}
      WHERE (status = 'done' AND processed_at < now() - $1::bigint * interval '1 millisecond')
         OR (status = 'dead' AND $2::bigint IS NOT NULL AND processed_at < now() - $2::bigint * interval '1 millisecond')`,
    [retention, dead],
  );
  return rowCount ?? 0;
}

export interface ReplayDeadOptions {
  readonly schema?: string;
  /** Only these de-duplication keys (`<instance name>:<event id>`). Default: every dead event. */
  readonly keys?: readonly string[];
}

/** Puts `dead` events back to `pending` with their attempts reset, due at once; returns how many. */
export async function replayDeadEvents(pool: Pool, options: ReplayDeadOptions = {}): Promise<number> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.inbox_events`;
  const { rowCount } = await pool.query(
    `UPDATE ${table} SET status = 'pending', attempts = 0, available_at = clock_timestamp(), processed_at = NULL
      WHERE status = 'dead' AND ($1::text[] IS NULL OR key = ANY($1::text[]))`,
    [options.keys ? [...options.keys] : null],
  );
  return rowCount ?? 0;
}

export interface PurgeAuditOptions {
  readonly schema?: string;
  /**
   * Also delete the deliveries received longer ago than this, ms. Default: the rows are kept (an
   * audit trail is yours to expire); only their raw bodies go, once past `rawBodyRetention`.
   */
  readonly retention?: number;
}

export interface PurgeAuditResult {
  /** Raw bodies cleared (their retention passed; the rows stay). */
  readonly rawBodies: number;
  /** Rows deleted (older than `retention`). */
  readonly deliveries: number;
}

/** Rows per statement: a long backlog is cleared in short transactions that hold few locks. */
const PURGE_BATCH = 1000;

/**
 * Clears the raw bodies of `<schema>.audit_deliveries` whose retention passed (the inbox worker
 * calls it every `auditPurgeInterval`), and with `retention` deletes older deliveries. Several
 * callers at once share the work (`SKIP LOCKED`).
 */
export async function purgeAudit(pool: Pool, options: PurgeAuditOptions = {}): Promise<PurgeAuditResult> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.audit_deliveries`;
  const retention = options.retention === undefined ? null : positiveInteger('retention', options.retention);
  // now() (the statement's start, each is its own transaction), not clock_timestamp(): a volatile
  // bound cannot be an index condition, so the purge would read the whole table every time.
  const clear = `
    UPDATE ${table} SET raw_body = NULL, raw_body_expires_at = NULL
     WHERE id IN (SELECT id FROM ${table}
                   WHERE raw_body IS NOT NULL AND raw_body_expires_at <= now()
                   LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`;
  const remove = `
    DELETE FROM ${table}
     WHERE id IN (SELECT id FROM ${table}
                   WHERE received_at < now() - $1::bigint * interval '1 millisecond'
                   LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`;
  const repeat = async (sql: string, values: unknown[]): Promise<number> => {
    let total = 0;
    for (;;) {
      const { rowCount } = await pool.query(sql, values);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < PURGE_BATCH) return total;
    }
  };
  const rawBodies = await repeat(clear, []);
  const deliveries = retention === null ? 0 : await repeat(remove, [retention]);
  return { rawBodies, deliveries };
}
