/**
 * Identity data and the `identity-synced` / `identity-updated` events.
 * Source: seed 001 "Identity" (https://docs.atomicfi.com/paylink/reference/webhooks).
 *
 * Every identity field is optional: the events carry only the fields selected in Console and what
 * the payroll system exposes.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicFieldChanges, payrollDataEvent } from './common.js';

/** Identity fields; also spread into verify task `outputs`, which are flat. */
export const identityShape = lazy(() => ({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  dateOfBirth: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  ssn: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
}));

export const atomicIdentity = lazy(() => z.looseObject(identityShape()));

export const identitySynced = lazy(() => payrollDataEvent('identity-synced', { identity: atomicIdentity() }));
export const identityUpdated = lazy(() =>
  payrollDataEvent('identity-updated', {
    identity: atomicIdentity(),
    changes: atomicFieldChanges(),
  }),
);
