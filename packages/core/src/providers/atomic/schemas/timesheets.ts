/**
 * Timesheets and the `timesheets-synced` / `timesheets-added` events.
 * Source: seed 001 "Timesheets" (https://docs.atomicfi.com/paylink/reference/webhooks).
 * `clockedIn`/`clockedOut` are absent from the verify task sample, hence optional.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { payrollDataEvent } from './common.js';
import { atomicTimesheetType } from './enums.js';

export const atomicTimesheet = lazy(() =>
  z.looseObject({
    /** Minutes. */
    duration: z.number(),
    date: z.string(),
    type: atomicTimesheetType(),
    clockedIn: z.string().optional(),
    clockedOut: z.string().optional(),
  }),
);

export const timesheetsSynced = lazy(() =>
  payrollDataEvent('timesheets-synced', { timesheets: z.array(atomicTimesheet()) }),
);
export const timesheetsAdded = lazy(() =>
  payrollDataEvent('timesheets-added', { timesheets: z.array(atomicTimesheet()) }),
);
