import type { WebhookEvent, WebhookInbox } from '@finhooks/core';
import type { Pool } from 'pg';
import { DEFAULT_SCHEMA, quoteSchema } from './schema.js';

export interface PostgresInboxOptions {
  /** Schema migrated by `migrate(pool, { schema })`. Default `finhooks`. */
  readonly schema?: string;
}

/**
 * Inbox mode in your database: `createWebhooks({ provider, inbox: postgresInbox(pool) })` stores each
 * verified, validated event in `<schema>.inbox_events` (one `INSERT … ON CONFLICT DO NOTHING` on the
 * pipeline's de-duplication key) before the provider gets its 2xx. A redelivery is a 2xx duplicate;
 * a database error is a 503 with Retry-After, so no event is acknowledged unless it is stored.
 * `createInboxWorker` runs the handlers. The pool is yours: the inbox never ends it.
 */
export function postgresInbox(pool: Pool, options: PostgresInboxOptions = {}): WebhookInbox {
  const table = `${quoteSchema(options.schema ?? DEFAULT_SCHEMA)}.inbox_events`;
  const insert = `
    INSERT INTO ${table} (key, provider, event_id, event_type, event, received_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (key) DO NOTHING`;
  return {
    async accept(key: string, event: WebhookEvent) {
      const { rowCount } = await pool.query(insert, [
        key,
        event.provider,
        event.id,
        event.type,
        JSON.stringify(event),
        event.receivedAt,
      ]);
      return rowCount === 1 ? 'stored' : 'duplicate';
    },
  };
}

/** The stored event as handlers see it again (`receivedAt` back to a Date). */
export function eventFromRow(stored: Record<string, unknown>): WebhookEvent {
  return { ...(stored as unknown as WebhookEvent), receivedAt: new Date(stored.receivedAt as string) };
}
