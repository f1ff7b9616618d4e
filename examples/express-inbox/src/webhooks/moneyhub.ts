import { createWebhooks, moneyhub } from '@finhooks/core';
import { inboxTransaction, postgresInbox } from '@finhooks/postgres';
import { finhooksSchema } from '../config.js';
import { pool } from '../db/pool.js';
import { logRefusal } from './log-refusal.js';

/**
 * Moneyhub (open banking): the body is an RS256 JWT (`application/jwt`) verified against the keys
 * found by OIDC discovery under `MONEYHUB_ISSUER` (sandbox: https://identity-dev.moneyhub.co.uk).
 * `MONEYHUB_AUDIENCE`, your API client id, is checked against the token's `aud` (required in production).
 * Moneyhub delivers once with a 5 s timeout: the inbox answers as soon as the event is stored.
 */
export const moneyhubWebhooks = createWebhooks({
  provider: moneyhub({
    issuer: process.env.MONEYHUB_ISSUER || 'https://identity.moneyhub.co.uk',
    ...audienceFromEnv(process.env.MONEYHUB_AUDIENCE),
  }),
  inbox: postgresInbox(pool, { schema: finhooksSchema }),
  onError: logRefusal,
});

// Transaction events carry ids only: queue one fetch per changed transaction, in the worker's
// transaction (the rows and the event's `done` mark commit together, or not at all).
moneyhubWebhooks.onEvent(['newTransactions', 'updatedTransactions', 'deletedTransactions', 'restoredTransactions'], async (event) => {
  const accounts = event.payload.payload.accounts.flatMap((account) => account.transactions.map(() => account.id));
  const transactions = event.payload.payload.accounts.flatMap((account) => account.transactions);
  // One statement for the whole event (Moneyhub sends up to 6000 ids in one).
  const { rowCount: queued } = await inboxTransaction().query(
    `INSERT INTO transaction_sync_queue (event_id, change, account_id, transaction_id)
     SELECT $1, $2, account_id, transaction_id FROM unnest($3::text[], $4::text[]) AS t (account_id, transaction_id)`,
    [event.id, event.type, accounts, transactions],
  );
  console.log(`[moneyhub] ${event.type} id=${event.id} queued=${queued}`);
});

/**
 * What the token's `aud` must be: your Moneyhub API client id. Required in production (without it
 * `moneyhub()` refuses to start); while developing, an unset id accepts any audience, so the CLI's
 * `--dev` tokens work before you have a client id.
 */
function audienceFromEnv(clientId: string | undefined): { audience: string } | { allowAnyAudience?: true } {
  if (clientId) return { audience: clientId };
  return process.env.NODE_ENV === 'production' ? {} : { allowAnyAudience: true };
}
