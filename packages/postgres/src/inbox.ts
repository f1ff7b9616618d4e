import type { EnqueueOptions, WebhookEvent, WebhookInbox } from '@finhooks/core';
import type { Pool } from 'pg';
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

export interface PostgresInboxOptions {
  /** Schema migrated by `migrate(pool, { schema })`. Default `finhooks`. */
  readonly schema?: string;
  /**
   * How long storing one event may take — waiting for a free pool connection plus the `INSERT` —
   * before the delivery is answered 503 with Retry-After, ms. Default 5000. node-postgres itself
   * waits for a free connection forever (unless the pool has `connectionTimeoutMillis`): without
   * this bound an exhausted pool would hang every delivery until the provider's own timeout.
   */
  readonly timeout?: number;
}

export interface PostgresInbox extends WebhookInbox, StartupCheck {
  /** `ready()` for `webhooks.health()`: given up when `signal` aborts; code `not_migrated` for an old schema. */
  health(signal: AbortSignal): Promise<void>;
  /** Events stored and not yet handled (`pending`, due or waiting for a retry); for `observeQueueDepth`. */
  depth(): Promise<number>;
}

/**
 * Inbox mode in your database: `createWebhooks({ provider, inbox: postgresInbox(pool) })` stores each
 * verified, validated event in `<schema>.inbox_events` (one `INSERT … ON CONFLICT DO NOTHING` on the
 * pipeline's de-duplication key) before the provider gets its 2xx. A redelivery is a 2xx duplicate;
 * a database error, a lost connection or an exhausted pool (past `timeout`) is a 503 with
 * Retry-After, so no event is acknowledged unless it is stored.
 * `createInboxWorker` runs the handlers. The pool is yours: the inbox never ends it.
 */
export function postgresInbox(pool: Pool, options: PostgresInboxOptions = {}): PostgresInbox {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.inbox_events`;
  const timeout = positiveInteger('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS);
  guardPool(pool);
  const insert = `
    INSERT INTO ${table} (key, provider, event_id, event_type, event, received_at, trace_context)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (key) DO NOTHING`;
  return {
    async accept(key: string, event: WebhookEvent, acceptOptions?: EnqueueOptions) {
      try {
        const { rowCount } = await boundedQuery(pool, timeout, insert, [
          key,
          event.provider,
          event.id,
          event.type,
          JSON.stringify(event),
          event.receivedAt,
          // Only with telemetry: the worker continues the delivery's trace from it.
          acceptOptions?.traceContext ? JSON.stringify(acceptOptions.traceContext) : null,
        ]);
        return rowCount === 1 ? 'stored' : 'duplicate';
      } catch (error) {
        // The 503's cause says what to do rather than `relation … does not exist`.
        if (isMissingRelation(error)) throw new Error(notMigratedMessage(schema), { cause: error });
        throw error;
      }
    },
    ready: () => assertReady(pool, schema, timeout),
    health: (signal) => healthCheck(pool, schema, timeout, signal),
    async depth() {
      const { rows } = await boundedQuery<{ pending: string }>(
        pool,
        timeout,
        `SELECT count(*) AS pending FROM ${table} WHERE status = 'pending'`,
        [],
      );
      return Number(rows[0]!.pending);
    },
  };
}

/** The stored event as handlers see it again (`receivedAt` back to a Date). */
export function eventFromRow(stored: Record<string, unknown>): WebhookEvent {
  return { ...(stored as unknown as WebhookEvent), receivedAt: new Date(stored.receivedAt as string) };
}
