import type { AppMigration } from '../migration.js';

/**
 * Atelio card and account transactions: `card_ledger` keeps one row per transaction event (each
 * state change of a transaction is an event), `account_balances` the running balance of completed
 * transactions. The balance is an increment: run twice for one event it would be wrong, which is
 * what the inbox prevents.
 */
export const atelioMigrations: AppMigration[] = [
  {
    id: 'atelio-001-card-ledger',
    sql: `
      CREATE TABLE card_ledger (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        transaction_id text NOT NULL,
        account_id text NOT NULL,
        payment_type text,
        state text NOT NULL,
        amount numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX card_ledger_transaction ON card_ledger (transaction_id);
      CREATE TABLE account_balances (
        account_id text NOT NULL,
        currency text NOT NULL,
        balance numeric(18, 2) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, currency)
      );`,
  },
];
