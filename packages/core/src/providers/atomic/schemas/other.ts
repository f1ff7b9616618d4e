/**
 * `conversion-opportunity`, `continuous-access-task-failed` and `pay-link-accounts-updated`.
 * Sources: seed 001 "Conversion Opportunity", "Continuous Access"
 * (https://docs.atomicfi.com/paylink/reference/webhooks); seed 000 "Ingest Data"
 * (https://docs.atomicfi.com/paylink/guides/ingest-data) for `pay-link-accounts-updated`.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { payrollDataEvent } from './common.js';
import { atomicEvent } from './envelope.js';
import { atomicConversionReason, atomicFailureReason } from './enums.js';

/** Ask the user to re-run Transact with `conversionToken`. */
export const conversionOpportunity = lazy(() =>
  atomicEvent(
    'conversion-opportunity',
    z.looseObject({
      conversionReason: atomicConversionReason(),
      /** Pass to Transact to re-initialise the task. */
      conversionToken: z.string(),
    }),
  ),
);

/**
 * A Continuous Access task failed. `reason` uses the failure list (the sample's `unknown-error`
 * is not in it); `linkedAccount` is required here, unlike the other payroll-data events.
 */
export const continuousAccessTaskFailed = lazy(() =>
  payrollDataEvent('continuous-access-task-failed', {
    reason: atomicFailureReason(),
    linkedAccount: z.string(),
  }),
);

/**
 * `pay-link-accounts-updated` (PayLink / Manage): "will contain the users account information,
 * and will be sent whenever we detect changes". Its payload is not documented in anything found,
 * so `data` is any object, kept as is.
 */
export const payLinkAccountsUpdated = lazy(() => atomicEvent('pay-link-accounts-updated', z.looseObject({})));
