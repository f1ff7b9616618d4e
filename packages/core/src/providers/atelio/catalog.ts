/**
 * The Atelio (card issuing and banking, formerly Bond) event catalogue: every `event` type → zod
 * schema of the whole JSON body. Sources: seed 003 (event list, transactions sample), Atelio's
 * embedded docs as mirrored in guyklages/docusaurus `docs/atelio/**` (webhook-payloads.md above all),
 * and PROVIDERS.md §3. Objects are loose (unknown fields pass through and are kept), documented
 * enums stay open, timestamps and decimal amounts stay strings. Payloads Atelio does not document
 * type only the envelope: see `schemas/common.ts#undocumentedFamily`. Each schema is built on first
 * use of its type (`lazyCatalog`), not at import.
 */
import { lazyCatalog } from '../../lazy-catalog.js';
import {
  accountAutopay,
  accountAutopayChanged,
  accountHistory,
  accountStatementsGenerated,
  accountStatementsLatePayment,
  accountStatementsReady,
} from './schemas/account.js';
import { cardCreated, cardStatusChanges, cardWallet } from './schemas/card.js';
import { commercialCreditApplication } from './schemas/commercial.js';
import { creditApplication, creditApplicationAdverseAction } from './schemas/credit.js';
import { customerUpdated } from './schemas/customer.js';
import { fraudOperations } from './schemas/fraud.js';
import { kybVerification, kybVerificationInitiated, kybVerificationRejected } from './schemas/kyb.js';
import {
  kycVerification,
  kycVerificationDocumentRequired,
  kycVerificationFailure,
  kycVerificationReenterInformation,
  kycVerificationUnderReview,
} from './schemas/kyc.js';
import { developApiKeyCreated, portalDataExport } from './schemas/misc.js';
import { transactions } from './schemas/transactions.js';

export const atelioCatalog = lazyCatalog({
  // account
  'account.autopay.changed': accountAutopayChanged,
  ...accountAutopay,
  'account.statements.generated': accountStatementsGenerated,
  'account.statements.late_payment': accountStatementsLatePayment,
  ...accountStatementsReady,
  ...accountHistory,
  // card
  'card.created': cardCreated,
  ...cardStatusChanges,
  ...cardWallet,
  // commercial
  ...commercialCreditApplication,
  // credit
  ...creditApplication,
  'credit.application.adverse_action': creditApplicationAdverseAction,
  // customer
  'customer.updated': customerUpdated,
  // develop
  'develop.api_key.created': developApiKeyCreated,
  // fraud operations
  ...fraudOperations,
  // kyb
  ...kybVerification,
  'kyb.verification.initiated': kybVerificationInitiated,
  'kyb.verification.rejected': kybVerificationRejected,
  // kyc
  ...kycVerification,
  'kyc.verification.failure': kycVerificationFailure,
  'kyc.verification.under_review': kycVerificationUnderReview,
  ...kycVerificationDocumentRequired,
  'kyc.verification.reenter_information': kycVerificationReenterInformation,
  // portal
  'portal.data_export': portalDataExport,
  // transactions
  transactions,
});

/** Every Atelio event type the catalogue knows. */
export type AtelioEventType = keyof typeof atelioCatalog;
