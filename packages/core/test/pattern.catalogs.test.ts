import { describe, expect, it } from 'vitest';
import {
  type AtelioCatalog,
  atelioCatalog,
  type AtomicCatalog,
  atomicCatalog,
  type Catalog,
  compilePattern,
  type MatchingTypes,
  type MoneyhubCatalog,
  moneyhubCatalog,
} from '../src/index.js';

/**
 * The type-level matcher (`MatchingTypes`, which types handlers) and the run-time one (which routes)
 * agree on the three catalogues: each list below must equal `MatchingTypes` or the file does not
 * compile (`pnpm typecheck`), and must equal what `compilePattern` selects or the test fails.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Accepts a list only when its members are exactly the union `U`. */
function exactly<U extends string>() {
  return <const L extends readonly U[]>(
    list: L & (Equal<L[number], U> extends true ? unknown : ['missing or extra types']),
  ): L => list;
}

function agreement(catalog: Catalog, pattern: string, expected: readonly string[]) {
  return { catalog, pattern, expected };
}

const cases = [
  agreement(
    atelioCatalog,
    'card.*',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, 'card.*'>>()([
      'card.created',
      'card.status.active',
      'card.status.closed',
      'card.status.fraud',
      'card.status.inactive',
      'card.status.lost',
      'card.status.no_withdrawals',
      'card.status.reissue',
      'card.status.stolen',
      'card.wallet.add',
      'card.wallet.add_failure',
    ]),
  ),
  agreement(
    atelioCatalog,
    'card*',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, 'card*'>>()([
      'card.created',
      'card.status.active',
      'card.status.closed',
      'card.status.fraud',
      'card.status.inactive',
      'card.status.lost',
      'card.status.no_withdrawals',
      'card.status.reissue',
      'card.status.stolen',
      'card.wallet.add',
      'card.wallet.add_failure',
    ]),
  ),
  agreement(
    atelioCatalog,
    'kyc.*.success',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, 'kyc.*.success'>>()(['kyc.verification.success']),
  ),
  agreement(
    atelioCatalog,
    '*.ready',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, '*.ready'>>()([
      'account.history.ready',
      'account.statement.ready',
      'account.statements.ready',
    ]),
  ),
  agreement(atelioCatalog, '*.*.*.*', exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, '*.*.*.*'>>()([])),
  agreement(
    atelioCatalog,
    'account.*ed',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, 'account.*ed'>>()([
      'account.autopay.changed',
      'account.autopay.failed',
      'account.autopay.processed',
      'account.autopay.scheduled',
      'account.statements.generated',
    ]),
  ),
  agreement(
    atelioCatalog,
    '*_*',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, '*_*'>>()([
      'account.statements.late_payment',
      'card.status.no_withdrawals',
      'card.wallet.add_failure',
      'commercial.credit_application.approved',
      'commercial.credit_application.created',
      'commercial.credit_application.denied',
      'commercial.credit_application.pending',
      'commercial.credit_application.resubmit_required',
      'commercial.credit_application.submitted',
      'commercial.credit_application.under_review',
      'credit.application.adverse_action',
      'credit.application.resubmit_required',
      'develop.api_key.created',
      'fraud_operations.close.failed',
      'fraud_operations.close.initiated',
      'fraud_operations.close.success',
      'fraud_operations.freeze.failed',
      'fraud_operations.freeze.initiated',
      'fraud_operations.freeze.success',
      'fraud_operations.unfreeze.failed',
      'fraud_operations.unfreeze.initiated',
      'fraud_operations.unfreeze.success',
      'kyc.verification.document_required',
      'kyc.verification.documents_required',
      'kyc.verification.reenter_information',
      'kyc.verification.under_review',
      'portal.data_export',
    ]),
  ),
  agreement(
    atelioCatalog,
    'c*d',
    exactly<MatchingTypes<Extract<keyof AtelioCatalog, string>, 'c*d'>>()([
      'card.created',
      'card.status.closed',
      'card.status.fraud',
      'card.wallet.add',
      'commercial.credit_application.approved',
      'commercial.credit_application.created',
      'commercial.credit_application.denied',
      'commercial.credit_application.resubmit_required',
      'commercial.credit_application.submitted',
      'credit.application.approved',
      'credit.application.created',
      'credit.application.resubmit_required',
      'credit.application.submitted',
      'customer.updated',
    ]),
  ),
  agreement(
    atomicCatalog,
    'deposit-accounts-*',
    exactly<MatchingTypes<Extract<keyof AtomicCatalog, string>, 'deposit-accounts-*'>>()([
      'deposit-accounts-added',
      'deposit-accounts-removed',
      'deposit-accounts-synced',
      'deposit-accounts-updated',
    ]),
  ),
  agreement(
    atomicCatalog,
    '*-synced',
    exactly<MatchingTypes<Extract<keyof AtomicCatalog, string>, '*-synced'>>()([
      'deposit-accounts-synced',
      'employment-synced',
      'identity-synced',
      'income-synced',
      'statements-synced',
      'taxes-synced',
      'timesheets-synced',
    ]),
  ),
  agreement(
    atomicCatalog,
    'task-*',
    exactly<MatchingTypes<Extract<keyof AtomicCatalog, string>, 'task-*'>>()([
      'task-authentication-status-updated',
      'task-status-patched',
      'task-status-updated',
      'task-workflow-finished',
    ]),
  ),
  agreement(
    atomicCatalog,
    '*e*e*e*',
    exactly<MatchingTypes<Extract<keyof AtomicCatalog, string>, '*e*e*e*'>>()([
      'deposit-accounts-removed',
      'deposit-switch-removed',
      'employment-synced',
      'employment-updated',
      'linked-account-connected',
      'linked-account-disconnected',
      'statements-added',
      'statements-synced',
      'timesheets-added',
      'timesheets-synced',
    ]),
  ),
  agreement(
    atomicCatalog,
    'i*d',
    exactly<MatchingTypes<Extract<keyof AtomicCatalog, string>, 'i*d'>>()([
      'identity-synced',
      'identity-updated',
      'income-synced',
      'income-updated',
    ]),
  ),
  agreement(
    moneyhubCatalog,
    'payment*',
    exactly<MatchingTypes<Extract<keyof MoneyhubCatalog, string>, 'payment*'>>()([
      'paymentCompleted',
      'paymentError',
      'paymentPending',
    ]),
  ),
  agreement(
    moneyhubCatalog,
    '*Transactions',
    exactly<MatchingTypes<Extract<keyof MoneyhubCatalog, string>, '*Transactions'>>()([
      'deletedTransactions',
      'newRegularTransactions',
      'newTransactions',
      'restoredTransactions',
      'updatedRegularTransactions',
      'updatedTransactions',
    ]),
  ),
  agreement(
    moneyhubCatalog,
    'new*',
    exactly<MatchingTypes<Extract<keyof MoneyhubCatalog, string>, 'new*'>>()([
      'newRegularTransactions',
      'newTransactions',
    ]),
  ),
  agreement(
    moneyhubCatalog,
    '*Account*',
    exactly<MatchingTypes<Extract<keyof MoneyhubCatalog, string>, '*Account*'>>()(['deletedAccount']),
  ),
  agreement(
    moneyhubCatalog,
    '*e*e*e*e*',
    exactly<MatchingTypes<Extract<keyof MoneyhubCatalog, string>, '*e*e*e*e*'>>()([
      'postConnectionEnrichmentComplete',
      'postConnectionEnrichmentCompleted',
      'refreshReminder',
    ]),
  ),
];

describe('MatchingTypes and compilePattern select the same catalogue types', () => {
  it.each(cases.map((c) => [c.pattern, c] as const))('%s', (_pattern, { catalog, pattern, expected }) => {
    expect(Object.keys(catalog).filter(compilePattern(pattern)).sort()).toEqual([...expected].sort());
  });
});
