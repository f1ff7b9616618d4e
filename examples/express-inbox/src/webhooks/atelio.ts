import { atelio, createWebhooks } from '@finhooks/core';
import { inboxTransaction, postgresInbox } from '@finhooks/postgres';
import { finhooksSchema, secretFromEnv } from '../config.js';
import { pool } from '../db/pool.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atelio (card issuing): `Bond-Signature: t=…,v2=…`, an HMAC of `${t}.${body}` with your webhook
 * secret. The web process stores each verified event in the inbox; the worker runs these handlers.
 */
export const atelioWebhooks = createWebhooks({
  provider: atelio({ secret: secretFromEnv('ATELIO_WEBHOOK_SECRET', 'whsec_dev_atelio_secret') }),
  inbox: postgresInbox(pool, { schema: finhooksSchema }),
  on: {
    // Runs in the worker's transaction: the ledger row, the balance and the event's `done` mark
    // commit together, or not at all.
    transactions: async (event) => {
      const { transaction } = event.payload;
      const db = inboxTransaction();
      await db.query(
        `INSERT INTO card_ledger (event_id, transaction_id, account_id, payment_type, state, amount, currency)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [event.id, transaction.transaction_id, transaction.account_id, transaction.payment_type ?? null, transaction.state, transaction.amount, transaction.currency],
      );
      if (String(transaction.state).toLowerCase() === 'completed') {
        await db.query(
          `INSERT INTO account_balances (account_id, currency, balance) VALUES ($1, $2, $3)
           ON CONFLICT (account_id, currency) DO UPDATE SET balance = account_balances.balance + EXCLUDED.balance, updated_at = now()`,
          [transaction.account_id, transaction.currency, transaction.amount],
        );
      }
      console.log(`[atelio] ${event.type} id=${event.id} ledger +1 (${transaction.state} ${transaction.amount} ${transaction.currency})`);
    },
    'card.*': (event) => {
      console.log(`[atelio] ${event.type} id=${event.id}`);
    },
  },
  onError: logRefusal,
});
