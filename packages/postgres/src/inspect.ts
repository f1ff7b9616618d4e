import type { Pool } from 'pg';
import { DEFAULT_SCHEMA, positiveInteger, quoteSchema } from './schema.js';

export type InboxStatus = 'pending' | 'done' | 'dead';

/** One inbox event without its payload (what `finhooks inbox list` prints). */
export interface InboxEventSummary {
  /** The de-duplication key, `<instance>:<event id>` (the id hashed when very long). */
  readonly key: string;
  readonly instance: string;
  readonly provider: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: InboxStatus;
  /** Attempts started (a pending event with attempts > 0 failed before, see `lastError`). */
  readonly attempts: number;
  readonly receivedAt: Date;
  /** When a pending event is due (again). */
  readonly availableAt: Date;
  /** When it was marked done or dead. */
  readonly processedAt: Date | null;
  /** The last failed attempt's error message. */
  readonly lastError: string | null;
}

/** The event as stored (`event`: what handlers receive, payload included). */
export interface InboxEventDetail extends InboxEventSummary {
  readonly event: Record<string, unknown>;
}

export interface ListInboxOptions {
  readonly schema?: string;
  readonly status?: InboxStatus;
  /** Only this instance's events (its `name`). */
  readonly instance?: string;
  /** Only this event type (exact). */
  readonly type?: string;
  /** Default 50. */
  readonly limit?: number;
}

const STATUSES: readonly InboxStatus[] = ['pending', 'done', 'dead'];

const SUMMARY = `key, split_part(key, ':', 1) AS instance, provider, event_id, event_type, status, attempts,
                 received_at, available_at, processed_at, last_error`;

interface SummaryRow {
  key: string;
  instance: string;
  provider: string;
  event_id: string;
  event_type: string;
  status: InboxStatus;
  attempts: number;
  received_at: Date;
  available_at: Date;
  processed_at: Date | null;
  last_error: string | null;
}

function summary(row: SummaryRow): InboxEventSummary {
  return {
    key: row.key,
    instance: row.instance,
    provider: row.provider,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    receivedAt: row.received_at,
    availableAt: row.available_at,
    processedAt: row.processed_at,
    lastError: row.last_error,
  };
}

/** The inbox's events, newest first, without payloads. */
export async function listInboxEvents(pool: Pool, options: ListInboxOptions = {}): Promise<InboxEventSummary[]> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.inbox_events`;
  if (options.status !== undefined && !STATUSES.includes(options.status)) {
    throw new TypeError(`status must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(options.status)}.`);
  }
  const limit = positiveInteger('limit', options.limit ?? 50);
  const { rows } = await pool.query<SummaryRow>(
    `SELECT ${SUMMARY} FROM ${table}
      WHERE ($1::text IS NULL OR status = $1)
        AND ($2::text IS NULL OR starts_with(key, $2 || ':'))
        AND ($3::text IS NULL OR event_type = $3)
      ORDER BY received_at DESC, key
      LIMIT $4`,
    [options.status ?? null, options.instance ?? null, options.type ?? null, limit],
  );
  return rows.map(summary);
}

/** One event by its key, payload included (`undefined` when there is none). */
export async function getInboxEvent(
  pool: Pool,
  key: string,
  options: { readonly schema?: string } = {},
): Promise<InboxEventDetail | undefined> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.inbox_events`;
  const { rows } = await pool.query<SummaryRow & { event: Record<string, unknown> }>(
    `SELECT ${SUMMARY}, event FROM ${table} WHERE key = $1`,
    [key],
  );
  const row = rows[0];
  return row && { ...summary(row), event: row.event };
}

/** One row of the audit trail, without its raw body. */
export interface AuditedDelivery {
  readonly id: string;
  readonly receivedAt: Date;
  readonly provider: string;
  readonly instance: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly status: number;
  readonly outcome: 'accepted' | 'duplicate' | 'refused' | 'failed';
  readonly verification: 'passed' | 'failed' | 'not-reached';
  readonly errorCode: string | null;
  readonly latencyMs: number;
  readonly attempt: number | null;
  /** Whether the raw body is still stored. */
  readonly hasRawBody: boolean;
}

export interface ListDeliveriesOptions {
  readonly schema?: string;
  readonly instance?: string;
  readonly eventId?: string;
  readonly outcome?: AuditedDelivery['outcome'];
  /** Default 50. */
  readonly limit?: number;
}

/** The audit trail, newest first, without raw bodies. */
export async function listDeliveries(pool: Pool, options: ListDeliveriesOptions = {}): Promise<AuditedDelivery[]> {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.audit_deliveries`;
  const limit = positiveInteger('limit', options.limit ?? 50);
  const { rows } = await pool.query(
    `SELECT id::text, received_at, provider, instance, event_id, event_type, status, outcome, verification,
            error_code, latency_ms, attempt, raw_body IS NOT NULL AS has_raw_body
       FROM ${table}
      WHERE ($1::text IS NULL OR instance = $1)
        AND ($2::text IS NULL OR event_id = $2)
        AND ($3::text IS NULL OR outcome = $3)
      ORDER BY received_at DESC, id DESC
      LIMIT $4`,
    [options.instance ?? null, options.eventId ?? null, options.outcome ?? null, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    receivedAt: row.received_at,
    provider: row.provider,
    instance: row.instance,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    outcome: row.outcome,
    verification: row.verification,
    errorCode: row.error_code,
    latencyMs: row.latency_ms,
    attempt: row.attempt,
    hasRawBody: row.has_raw_body,
  }));
}
