/**
 * Income data and the `income-synced` / `income-updated` events.
 * Sources: seed 001 "Income" (https://docs.atomicfi.com/paylink/reference/webhooks); value lists
 * from https://docs.atomicfi.com/reference/employment-data.
 *
 * Every income field is optional: "this value may be derived", and the events carry only the
 * fields selected in Console.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicCompany, atomicConnector, atomicFieldChanges, payrollDataEvent, payrollDataTopLevel } from './common.js';
import { atomicEvent } from './envelope.js';
import { atomicIncomeType, atomicPayCycle } from './enums.js';

/** Income fields; also spread into verify task `outputs`, which are flat. */
export const incomeShape = lazy(() => ({
  income: z.number().optional(),
  incomeType: atomicIncomeType().optional(),
  annualIncome: z.number().optional(),
  hourlyIncome: z.number().optional(),
  netHourlyRate: z.number().optional(),
  payCycle: atomicPayCycle().optional(),
  nextExpectedPayDate: z.string().optional(),
  currentPayPeriodStart: z.string().optional(),
  currentPayPeriodEnd: z.string().optional(),
  unpaidHoursInPayPeriod: z.number().optional(),
}));

export const atomicIncome = lazy(() => z.looseObject(incomeShape()));

export const incomeSynced = lazy(() => payrollDataEvent('income-synced', { income: atomicIncome() }));

/**
 * `income-updated`: the text (authoritative) gives `data` = income + changes + company +
 * connector (+ linkedAccount), like `employment-updated`. But the docs' only sample is a copy of a
 * task event (top-level publicToken/product/company/metadata, task-status `data`), and every doc
 * sample must validate, so the text's fields are all optional for this one type.
 */
export const incomeUpdated = lazy(() =>
  atomicEvent(
    'income-updated',
    z.looseObject({
      income: atomicIncome().optional(),
      changes: atomicFieldChanges().optional(),
      company: atomicCompany().optional(),
      connector: atomicConnector().optional(),
      linkedAccount: z.string().optional(),
      task: z.string().optional(),
      taskWorkflow: z.string().optional(),
    }),
    payrollDataTopLevel(),
  ),
);
