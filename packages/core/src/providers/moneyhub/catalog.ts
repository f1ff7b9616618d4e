import { lazyCatalog } from '../../lazy-catalog.js';
import { balanceThresholdEvent, deletedAccountEvent } from './schemas/account.js';
import { paymentEvents } from './schemas/payments.js';
import { addFirstConnectionEvent, reauthReminderEvent, refreshReminderEvent } from './schemas/reminders.js';
import { thirdPartyEvents } from './schemas/third-party.js';
import { regularTransactionEvents, transactionEvents } from './schemas/transactions.js';

/**
 * Every Moneyhub event type → the zod schema of its whole normalised body
 * `{ id, eventType, userId?, payload }` (JSON as sent; JWT normalised by `./index.ts`).
 * 14 types have payload pages on docs.moneyhubenterprise.com; the last 5 are names seen only in
 * third-party material, with an open payload. Schemas keep unknown fields at every level. Each
 * schema is built on first use of its type (`lazyCatalog`), not at import.
 */
export const moneyhubCatalog = lazyCatalog({
  ...transactionEvents,
  ...regularTransactionEvents,
  balanceThreshold: balanceThresholdEvent,
  ...paymentEvents,
  reauthReminder: reauthReminderEvent,
  refreshReminder: refreshReminderEvent,
  deletedAccount: deletedAccountEvent,
  addFirstConnection: addFirstConnectionEvent,
  ...thirdPartyEvents,
});

export type MoneyhubEventType = keyof typeof moneyhubCatalog;
