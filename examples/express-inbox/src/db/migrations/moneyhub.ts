import type { AppMigration } from '../migration.js';

/**
 * Moneyhub transaction events carry ids only: the app queues one fetch per changed transaction in
 * `transaction_sync_queue` (a job that calls Moneyhub's API later, outside the webhook's path).
 */
export const moneyhubMigrations: AppMigration[] = [
  {
    id: 'moneyhub-001-transaction-sync-queue',
    sql: `
      CREATE TABLE transaction_sync_queue (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        change text NOT NULL,
        account_id text NOT NULL,
        transaction_id text NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX transaction_sync_queue_transaction ON transaction_sync_queue (transaction_id);`,
  },
];
