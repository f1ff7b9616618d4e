/**
 * Pay statements and the `statements-synced` / `statements-added` events.
 * Sources: seed 001 "Statements" (https://docs.atomicfi.com/paylink/reference/webhooks);
 * https://docs.atomicfi.com/reference/employment-data lists every Statement property as optional
 * ("we will return whichever of date, payPeriodStartDate, and payPeriodEndDate are available").
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { payrollDataEvent } from './common.js';

export const atomicDeduction = lazy(() =>
  z.looseObject({
    category: z.string(),
    label: z.string(),
    rawLabel: z.string(),
    amount: z.number(),
    ytdAmount: z.number().optional(),
  }),
);

export const atomicEarning = lazy(() =>
  z.looseObject({
    category: z.string(),
    rawLabel: z.string(),
    amount: z.number(),
    ytdAmount: z.number().optional(),
    hours: z.number().optional(),
    rate: z.number().optional(),
  }),
);

/** The paystub document: `url` is a presigned download link. */
export const atomicPaystub = lazy(() =>
  z.looseObject({
    _id: z.string(),
    url: z.string(),
  }),
);

export const atomicStatement = lazy(() =>
  z.looseObject({
    date: z.string().optional(),
    payPeriodStartDate: z.string().optional(),
    payPeriodEndDate: z.string().optional(),
    grossAmount: z.number().optional(),
    ytdGrossAmount: z.number().optional(),
    netAmount: z.number().optional(),
    ytdNetAmount: z.number().optional(),
    hours: z.number().optional(),
    deductions: z.array(atomicDeduction()).optional(),
    earnings: z.array(atomicEarning()).optional(),
    paystub: atomicPaystub().optional(),
  }),
);

export const statementsSynced = lazy(() =>
  payrollDataEvent('statements-synced', { statements: z.array(atomicStatement()) }),
);
export const statementsAdded = lazy(() =>
  payrollDataEvent('statements-added', { statements: z.array(atomicStatement()) }),
);
