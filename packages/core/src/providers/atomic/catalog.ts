/**
 * The Atomic event catalogue: every `eventType` → zod schema of the whole JSON body.
 * Source: Atomic's webhook reference (seed 001, https://docs.atomicfi.com/paylink/reference/webhooks)
 * and the Ingest Data guide (seed 000) for `pay-link-accounts-updated`. Objects are loose: unknown
 * fields pass through and are kept; documented enums stay open. Each schema is built on first use
 * of its type (`lazyCatalog`), not at import.
 */
import { lazyCatalog } from '../../lazy-catalog.js';
import {
  depositAccountsAdded,
  depositAccountsRemoved,
  depositAccountsSynced,
  depositAccountsUpdated,
  depositSwitchRemoved,
} from './schemas/deposit.js';
import { employmentSynced, employmentUpdated } from './schemas/employment.js';
import { identitySynced, identityUpdated } from './schemas/identity.js';
import { incomeSynced, incomeUpdated } from './schemas/income.js';
import { linkedAccountConnected, linkedAccountDisconnected } from './schemas/linked-account.js';
import { continuousAccessTaskFailed, conversionOpportunity, payLinkAccountsUpdated } from './schemas/other.js';
import { payrollDataFetched } from './schemas/payroll-data.js';
import { statementsAdded, statementsSynced } from './schemas/statements.js';
import { taxesAdded, taxesSynced } from './schemas/taxes.js';
import { timesheetsAdded, timesheetsSynced } from './schemas/timesheets.js';
import {
  taskAuthenticationStatusUpdated,
  taskStatusPatched,
  taskStatusUpdated,
  taskWorkflowFinished,
} from './schemas/task.js';

export const atomicCatalog = lazyCatalog({
  // Tasks
  'task-status-updated': taskStatusUpdated,
  'task-authentication-status-updated': taskAuthenticationStatusUpdated,
  'task-status-patched': taskStatusPatched,
  'task-workflow-finished': taskWorkflowFinished,
  // Payroll data
  'payroll-data-fetched': payrollDataFetched,
  'deposit-switch-removed': depositSwitchRemoved,
  'deposit-accounts-synced': depositAccountsSynced,
  'deposit-accounts-added': depositAccountsAdded,
  'deposit-accounts-updated': depositAccountsUpdated,
  'deposit-accounts-removed': depositAccountsRemoved,
  'linked-account-connected': linkedAccountConnected,
  'linked-account-disconnected': linkedAccountDisconnected,
  'employment-synced': employmentSynced,
  'employment-updated': employmentUpdated,
  'identity-synced': identitySynced,
  'identity-updated': identityUpdated,
  'income-synced': incomeSynced,
  'income-updated': incomeUpdated,
  'statements-synced': statementsSynced,
  'statements-added': statementsAdded,
  'timesheets-synced': timesheetsSynced,
  'timesheets-added': timesheetsAdded,
  'taxes-synced': taxesSynced,
  'taxes-added': taxesAdded,
  // Other
  'conversion-opportunity': conversionOpportunity,
  'continuous-access-task-failed': continuousAccessTaskFailed,
  /** PayLink / Manage; payload undocumented (see `schemas/other.ts`). */
  'pay-link-accounts-updated': payLinkAccountsUpdated,
});

/** Every Atomic event type in the catalogue. */
export type AtomicEventType = keyof typeof atomicCatalog;
