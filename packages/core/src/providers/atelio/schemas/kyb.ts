/**
 * `kyb.verification.*`: Know-Your-Business results for a business.
 * Sources: guyklages/docusaurus `docs/atelio/business/ef-kyb.md` (samples for approved, rejected,
 * warning, error; `approved` is missing from the webhook-events list), `docs/atelio/webhooks/webhook-payloads.md`
 * and `docs/atelio/accounts/deposit-accounts.md` (approved).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { eventFamily, eventSchema, timestamp } from './common.js';

const businessFields = lazy(() => ({
  business_id: z.string(),
  occurred_at: timestamp(),
}));

/** Approved / server error / warning (manual review needed). */
export const kybVerification = eventFamily(
  ['kyb.verification.approved', 'kyb.verification.error', 'kyb.verification.warning'],
  businessFields,
);

/** KYB started: no sample; its siblings' `business_id` is assumed, optional. */
export const kybVerificationInitiated = lazy(() =>
  eventSchema('kyb.verification.initiated', {
    business_id: z.string().optional(),
    occurred_at: timestamp().optional(),
  }),
);

/** Rejected, with one `details` entry per failed check. */
export const kybVerificationRejected = lazy(() =>
  eventSchema('kyb.verification.rejected', {
    ...businessFields(),
    details: z.array(
      z.looseObject({
        code: openEnum(['rejected_address', 'rejected_tin', 'rejected_name', 'rejected_watchlist']),
        reason: z.string(),
      }),
    ),
  }),
);
