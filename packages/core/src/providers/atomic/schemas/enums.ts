/**
 * Atomic's documented enumerations, as open enums: known values for autocompletion and the JSON
 * Schema, any other string accepted (Atomic's own samples already step outside some lists).
 *
 * Source: seed 001 (https://docs.atomicfi.com/paylink/reference/webhooks) unless noted.
 */
import { openEnum } from '../../../schema-helpers.js';
import { lazy } from '../../../lazy-catalog.js';

/** Task event `product`. */
export const ATOMIC_PRODUCTS = ['deposit', 'verify', 'tax'] as const;
export const atomicProduct = lazy(() => openEnum(ATOMIC_PRODUCTS));

/** Task event `authenticationMethod`. */
export const ATOMIC_AUTHENTICATION_METHODS = ['standard-auth', 'true-auth', 'smart-auth', 'co-auth'] as const;
export const atomicAuthenticationMethod = lazy(() => openEnum(ATOMIC_AUTHENTICATION_METHODS));

/** `data.status` of task events. */
export const ATOMIC_TASK_STATUSES = ['processing', 'failed', 'completed'] as const;
export const atomicTaskStatus = lazy(() => openEnum(ATOMIC_TASK_STATUSES));

/**
 * `data.previousStatus`: documented as queued | processing, yet the docs' own
 * `task-status-patched` sample has `"failed"` (a patch moves a task out of a final state).
 */
export const ATOMIC_PREVIOUS_STATUSES = ['queued', 'processing'] as const;
export const atomicPreviousStatus = lazy(() => openEnum(ATOMIC_PREVIOUS_STATUSES));

/** Deposit distribution type, on deposit tasks and deposit accounts. */
export const ATOMIC_DISTRIBUTION_TYPES = ['total', 'fixed', 'percent'] as const;
export const atomicDistributionType = lazy(() => openEnum(ATOMIC_DISTRIBUTION_TYPES));

/**
 * Task failure `reason` ("Task Failures" section). Open: the docs' own
 * `continuous-access-task-failed` sample uses `unknown-error`, which is not in the list.
 */
export const ATOMIC_FAILURE_REASONS = [
  'account-lockout',
  'account-setup-incomplete',
  'account-unusable',
  'bad-credentials',
  'connection-error',
  'distribution-not-supported',
  'enrolled-in-paycard',
  'expired',
  'no-data-found',
  'product-not-supported',
  'routing-number-not-supported',
  'session-timeout',
  'system-unavailable',
  'transaction-pending',
  'unknown-failure',
  'user-abandon',
  'work-status-terminated',
] as const;
export const atomicFailureReason = lazy(() => openEnum(ATOMIC_FAILURE_REASONS));

/** `task-workflow-finished`: `data.state` and `finishedTasks[].status`. */
export const ATOMIC_WORKFLOW_STATES = ['completed', 'failed'] as const;
export const atomicWorkflowState = lazy(() => openEnum(ATOMIC_WORKFLOW_STATES));

/** `conversion-opportunity` `data.conversionReason`: "the only supported conversionReason is retry-task". */
export const ATOMIC_CONVERSION_REASONS = ['retry-task'] as const;
export const atomicConversionReason = lazy(() => openEnum(ATOMIC_CONVERSION_REASONS));

/** Timesheet `type`. */
export const ATOMIC_TIMESHEET_TYPES = ['paid', 'unpaid'] as const;
export const atomicTimesheetType = lazy(() => openEnum(ATOMIC_TIMESHEET_TYPES));

/** Tax document `type`. */
export const ATOMIC_TAX_TYPES = ['w2', '1099'] as const;
export const atomicTaxType = lazy(() => openEnum(ATOMIC_TAX_TYPES));

/**
 * Deposit account `type`: checking | savings | paycard.
 * Source: https://docs.atomicfi.com/employerlink/reference/employment-data (Deposit Accounts).
 */
export const ATOMIC_ACCOUNT_TYPES = ['checking', 'savings', 'paycard'] as const;
export const atomicAccountType = lazy(() => openEnum(ATOMIC_ACCOUNT_TYPES));

/** Income `incomeType`. Source: https://docs.atomicfi.com/reference/employment-data (Income). */
export const ATOMIC_INCOME_TYPES = ['yearly', 'monthly', 'weekly', 'daily', 'hourly'] as const;
export const atomicIncomeType = lazy(() => openEnum(ATOMIC_INCOME_TYPES));

/** Income `payCycle`. Source: https://docs.atomicfi.com/reference/employment-data (Income). */
export const ATOMIC_PAY_CYCLES = ['monthly', 'semimonthly', 'biweekly', 'weekly'] as const;
export const atomicPayCycle = lazy(() => openEnum(ATOMIC_PAY_CYCLES));

/**
 * `payroll-data-fetched` `data.payrollDataEvents`: "a list of webhook events that have been sent",
 * i.e. the payroll-data event types below (the sample lists eleven of them).
 */
export const ATOMIC_PAYROLL_DATA_EVENT_TYPES = [
  'deposit-switch-removed',
  'deposit-accounts-synced',
  'deposit-accounts-added',
  'deposit-accounts-updated',
  'deposit-accounts-removed',
  'employment-synced',
  'employment-updated',
  'identity-synced',
  'identity-updated',
  'income-synced',
  'income-updated',
  'statements-synced',
  'statements-added',
  'timesheets-synced',
  'timesheets-added',
  'taxes-synced',
  'taxes-added',
] as const;
export const atomicPayrollDataEventType = lazy(() => openEnum(ATOMIC_PAYROLL_DATA_EVENT_TYPES));
