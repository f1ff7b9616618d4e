/**
 * Employment data and the `employment-synced` / `employment-updated` events.
 * Source: seed 001 "Employment" (https://docs.atomicfi.com/paylink/reference/webhooks).
 *
 * Every employment field is optional: the events carry only the fields selected in Console
 * ("select the data fields you are interested in") and what the payroll system exposes.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicFieldChanges, payrollDataEvent } from './common.js';

export const atomicEmployerAddress = lazy(() =>
  z.looseObject({
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    postalCode: z.string().optional(),
    country: z.string().optional(),
  }),
);

/** Employment fields; also spread into verify task `outputs`, which are flat. */
export const employmentShape = lazy(() => ({
  employeeType: z.string().optional(),
  employmentStatus: z.string().optional(),
  jobTitle: z.string().optional(),
  startDate: z.string().optional(),
  minimumMonthsOfEmployment: z.number().optional(),
  weeklyHours: z.number().optional(),
  employer: z
    .looseObject({
      name: z.string().optional(),
      address: atomicEmployerAddress().optional(),
    })
    .optional(),
}));

export const atomicEmployment = lazy(() => z.looseObject(employmentShape()));

export const employmentSynced = lazy(() => payrollDataEvent('employment-synced', { employment: atomicEmployment() }));
export const employmentUpdated = lazy(() =>
  payrollDataEvent('employment-updated', {
    employment: atomicEmployment(),
    changes: atomicFieldChanges(),
  }),
);
