/**
 * `account.*` events: autopay, statements, external account history.
 * Sources: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`), `webhooks/webhook-events.md` (event list and the
 * subscription example spelling `account.statement.ready`), `accounts/account-statements.md`
 * (statement data fields).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { date, decimal, eventFamily, eventSchema, timestamp, undocumentedFamily } from './common.js';

// None of the documented autopay / statements.generated / late_payment samples has `occurred_at`.
const personFields = lazy(() => ({
  occurred_at: timestamp().optional(),
  person_id: z.string(),
  customer_id: z.string(),
}));

const statementPeriod = lazy(() => ({
  statement_start_date: date(),
  statement_end_date: date(),
}));

/** Embedded app user switched autopay on or off. */
export const accountAutopayChanged = lazy(() =>
  eventSchema('account.autopay.changed', {
    ...personFields(),
    status: openEnum(['enabled', 'disabled']),
  }),
);

/** Autopay failed / processed / scheduled for a statement period. */
export const accountAutopay = eventFamily(
  ['account.autopay.failed', 'account.autopay.processed', 'account.autopay.scheduled'],
  () => ({
    ...personFields(),
    amount_in_cents: z.int(),
    ...statementPeriod(),
  }),
);

/** Embedded app user statement is ready for download. */
export const accountStatementsGenerated = lazy(() =>
  eventSchema('account.statements.generated', {
    ...personFields(),
    ...statementPeriod(),
  }),
);

/**
 * Missed card payment, balance taken from the security deposit. The documented sample has **no
 * `event` key**, so `event` is optional here only; such a body is routed as an unknown type.
 */
export const accountStatementsLatePayment = lazy(() =>
  z.looseObject({
    event: z.literal('account.statements.late_payment').optional(),
    ...personFields(),
    card_account_id: z.string(),
    ...statementPeriod(),
    amount_overdue: z.int(),
    transaction_id: z.string(),
  }),
);

/** One line of a statement. `transaction_id` appears in the statement data API, not the samples. */
const statementTransaction = lazy(() =>
  z.looseObject({
    transaction_id: z.string().optional(),
    amount: decimal(),
    settled_date: date(),
    transaction_date: date(),
    transaction_description: z.string(),
    transaction_type: z.string(),
  }),
);

/** `details.credit`: present on credit account statements. */
const creditSummary = lazy(() =>
  z.looseObject({
    available_credit: decimal(),
    credit_limit: decimal(),
    interest_charged: decimal(),
    minimum_payment_due: decimal(),
    payment_due_date: date(),
    payments_and_credits: decimal(),
    previous_statement_balance: decimal(),
    purchases: decimal(),
    statement_balance: decimal(),
  }),
);

/** `details.deposit`: present on deposit account statements. */
const depositSummary = lazy(() =>
  z.looseObject({
    beginning_balance: decimal(),
    deposits: decimal(),
    ending_balance: decimal(),
    withdrawals: decimal(),
  }),
);

const statementDetails = lazy(() =>
  z.looseObject({
    account_id: z.string(),
    type: openEnum(['credit', 'deposit']),
    statement_id: z.string(),
    statement_month: z.string(),
    ...statementPeriod(),
    fees: decimal(),
    transactions: z.array(statementTransaction()),
    credit: creditSummary().optional(),
    deposit: depositSummary().optional(),
  }),
);

/**
 * Monthly statement ready. `account.statement.ready` (singular) is the spelling of the docs'
 * subscription example; both names get the same schema.
 */
export const accountStatementsReady = eventFamily(['account.statements.ready', 'account.statement.ready'], () => ({
  occurred_at: timestamp(),
  details: statementDetails(),
}));

/** External account history retrieved for the first time: payload undocumented. */
export const accountHistory = undocumentedFamily(['account.history.ready']);
