/**
 * Transaction and regular-transaction events.
 *
 * Sources:
 * - https://docs.moneyhubenterprise.com/docs/new-transaction
 * - https://docs.moneyhubenterprise.com/docs/updated-transactions
 * - https://docs.moneyhubenterprise.com/docs/deleted-transactions
 * - https://docs.moneyhubenterprise.com/docs/restored-transactions
 * - https://docs.moneyhubenterprise.com/docs/regular-transaction-webhooks
 * - https://docs.moneyhubenterprise.com/docs/webhooks-introduction (6000-id cap, one event per account)
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { moneyhubEvents } from './envelope.js';

/** One account and the ids of its affected transactions (fetch them from the API: ids only). */
export const accountTransactions = lazy(() =>
  z.looseObject({
    id: z.string(),
    transactions: z.array(z.string()),
  }),
);

/**
 * `accounts[{ id, transactions[] }]`. Moneyhub caps an event at 6000 transaction ids and splits
 * larger sets; the cap is not enforced here so a change on their side cannot make events fail.
 */
export const accountTransactionsPayload = lazy(() =>
  z.looseObject({
    accounts: z.array(accountTransactions()),
  }),
);

export const transactionEvents = moneyhubEvents(
  ['newTransactions', 'updatedTransactions', 'deletedTransactions', 'restoredTransactions'],
  accountTransactionsPayload,
);

/** Ids of new or updated regular-transaction series (needs the `regular_transactions:read` scope). */
export const regularTransactionsPayload = lazy(() =>
  z.looseObject({
    seriesIds: z.array(z.string()),
  }),
);

export const regularTransactionEvents = moneyhubEvents(
  ['newRegularTransactions', 'updatedRegularTransactions'],
  regularTransactionsPayload,
);
