/**
 * Deposit events: `deposit-switch-removed` and `deposit-accounts-{synced,added,updated,removed}`.
 * Source: seed 001 "Deposit Switch" / "Deposit Accounts" (https://docs.atomicfi.com/paylink/reference/webhooks).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicDepositAccount, payrollDataEvent } from './common.js';

const depositAccounts = lazy(() => z.array(atomicDepositAccount()));

/**
 * `deposit-switch-removed`: `task`/`taskWorkflow` sit at the top level in the sample but under
 * `data` in the text; both places are accepted (see `payrollDataShape`).
 */
export const depositSwitchRemoved = lazy(() =>
  payrollDataEvent('deposit-switch-removed', {
    /** Snapshot of the allocation added through Atomic and since removed from the payroll system. */
    removedDepositAccount: atomicDepositAccount(),
    /** Current allocations in the payroll system. */
    depositAccounts: depositAccounts(),
  }),
);

export const depositAccountsSynced = lazy(() =>
  payrollDataEvent('deposit-accounts-synced', { depositAccounts: depositAccounts() }),
);

/** `changes` here is the array of the accounts added, updated or removed (not a field diff). */
function depositAccountsChanged<const T extends string>(type: T) {
  return payrollDataEvent(type, { depositAccounts: depositAccounts(), changes: depositAccounts() });
}

export const depositAccountsAdded = lazy(() => depositAccountsChanged('deposit-accounts-added'));
/** Emitted by the weekly Continuous Access job. */
export const depositAccountsUpdated = lazy(() => depositAccountsChanged('deposit-accounts-updated'));
/** Emitted by the weekly Continuous Access job. */
export const depositAccountsRemoved = lazy(() => depositAccountsChanged('deposit-accounts-removed'));
