/**
 * `transactions`: sent on every new transaction or transaction update, the transaction under
 * `transaction`.
 * Sources: seed 003 (= guyklages/docusaurus `docs/atelio/webhooks/webhook-events.md`),
 * `docs/atelio/webhooks/webhook-payloads.md`, `docs/atelio/money-movement/transactions-overview.md`
 * (attributes, states, multi-settlement payloads), `docs/atelio/money-movement/payment-types.md`
 * (`details` per payment type, transaction types, payload examples).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { decimal, eventSchema, timestamp } from './common.js';

/** Python-style booleans: `"True"`/`"False"` in the webhook samples, a JSON boolean in one ACH example. */
const pythonBool = lazy(() => z.union([openEnum(['True', 'False']), z.boolean()]));

/**
 * `details` varies with `payment_type` and no field is common to all, so this is one loose object
 * with every documented field optional (card, ach, account, card-to-card; rdc is undocumented).
 */
const transactionDetails = lazy(() =>
  z.looseObject({
    // card
    card_id: z.string().optional(),
    mcc: z.string().optional(),
    mcc_description: z.string().optional(),
    currency: z.string().optional(),
    exchange_rate: decimal().optional(),
    merchant_id: z.string().optional(),
    merchant_name: z.string().optional(),
    merchant_city: z.string().optional(),
    merchant_state: z.string().optional(),
    merchant_country: z.string().optional(),
    merchant_postal_code: z.string().optional(),
    merchant_currency: z.string().optional(),
    // empty string when not applicable
    merchant_amount: decimal().optional(),
    cardholder_presence: z.boolean().optional(),
    statement_descriptor: z.string().optional(),
    arn: z.string().optional(),
    fraud_rule_triggered: z.string().optional(),
    products: z.array(z.string()).optional(),
    // multi-settlement card transactions: every settlement so far
    settlements: z
      .array(
        z.looseObject({
          settlement_date: timestamp(),
          amount: decimal(),
        }),
      )
      .optional(),
    // fee transactions (ATM withdrawal fee, card reissue fee)
    fee_type: z.string().optional(),
    linked_transaction_id: z.string().optional(),
    // ach
    class_code: z.string().optional(),
    external_account_id: z.string().optional(),
    direction: openEnum(['credit', 'debit']).optional(),
    network: openEnum(['ach', 'same-day-ach']).optional(),
    description: z.string().optional(),
    failure_reason: z.string().optional(),
    return_code: z.string().optional(),
    is_card_payment: pythonBool().optional(),
    is_repayment: pythonBool().optional(),
    same_day: pythonBool().optional(),
    // ach and account-to-account (both spellings of the origin are documented)
    originating_account_id: z.string().optional(),
    origination_account_id: z.string().optional(),
    destination_account_id: z.string().optional(),
    // card-to-card
    origination_card_id: z.string().optional(),
    destination_card_id: z.string().optional(),
  }),
);

/** `prior_balance` is the "current" balance, `new_balance` the "available" one; `{}` or null when absent. */
const balances = lazy(() =>
  z.looseObject({
    prior_balance: decimal().optional(),
    new_balance: decimal().optional(),
  }),
);

export const ATELIO_PAYMENT_TYPES = ['card', 'ach', 'rdc', 'account'] as const;

/** Documented transaction types (payment-types.md plus "Card to Card Transfer"); open. */
export const ATELIO_TRANSACTION_TYPES = [
  'Cash Withdrawal',
  'Chargeback Credit',
  'Credit Adjustment',
  'Debit Adjustment',
  'Fee',
  'Load Money Onto Card',
  'POS Cash Advance',
  'POS Purchase',
  'POS PIN Purchase',
  'Provisional Credit',
  'Provisional Debit',
  'Pre Authorization',
  'Purchase Returns',
  'Repayment',
  'ACH Deposit',
  'ACH Withdrawal',
  'External ACH Deposit',
  'External ACH Withdrawal',
  'Account to Account',
  'Card to Card Transfer',
] as const;

/** Lifecycle states; one documented example capitalises `"Pending"`, hence open. */
export const ATELIO_TRANSACTION_STATES = [
  'start',
  'pending',
  'completed',
  'cancelled',
  'declined',
  'failed',
  'returned',
] as const;

const transaction = lazy(() =>
  z.looseObject({
    transaction_id: z.string(),
    bond_brand_id: z.string(),
    customer_id: z.string(),
    account_id: z.string(),
    business_id: z.string().nullable().optional(),
    payment_type: openEnum(ATELIO_PAYMENT_TYPES),
    transaction_type: openEnum(ATELIO_TRANSACTION_TYPES),
    state: openEnum(ATELIO_TRANSACTION_STATES),
    description: z.string().optional(),
    // signed: negative for money out
    amount: decimal(),
    fee: decimal().nullable().optional(),
    currency: openEnum(['USD']),
    created_time: timestamp(),
    updated_time: timestamp(),
    previous_transaction_id: z.string().nullable().optional(),
    balances: balances().nullable().optional(),
    details: transactionDetails(),
  }),
);

/**
 * Every webhook sample has `occurred_at`, but the transaction pages show payloads without the
 * envelope, so it is optional (de-duplication then falls back to a hash of the body).
 */
export const transactions = lazy(() =>
  eventSchema('transactions', {
    occurred_at: timestamp().optional(),
    transaction: transaction(),
  }),
);
