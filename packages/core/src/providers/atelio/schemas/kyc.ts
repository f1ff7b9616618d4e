/**
 * `kyc.verification.*`: Know-Your-Customer results for a customer or a business's beneficial owner.
 * Sources (guyklages/docusaurus, mirroring docs.atelio.com): `docs/atelio/webhooks/webhook-payloads.md`,
 * `docs/atelio/customer/start-kyc-process.md`, `docs/atelio/customer/upload-kyc-documentation.md`,
 * `docs/atelio/customer/kyc-sandbox-scenarios.md`, `docs/atelio/business/beneficial-owners.md`,
 * `docs/atelio/webhooks/webhook-requests.md`.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { eventFamily, eventSchema, timestamp } from './common.js';

/**
 * Who was verified: customer events carry `customer_id`, beneficial-owner events
 * `beneficial_owner_id` instead, so both are optional. `description` (and `error_code`) "may" be
 * added to prompt further action (documented PO Box failure).
 */
const subjectFields = lazy(() => ({
  customer_id: z.string().optional(),
  beneficial_owner_id: z.string().optional(),
  description: z.string().optional(),
  error_code: z.string().optional(),
}));

const resultFields = lazy(() => ({
  occurred_at: timestamp(),
  ...subjectFields(),
}));

/** KYC passed / server error / vendor timeout or 28-30 day document expiry. */
export const kycVerification = eventFamily(
  ['kyc.verification.success', 'kyc.verification.error', 'kyc.verification.timeout'],
  resultFields,
);

/** KYC failed; beneficial-owner failures list per-check `reasons`. */
export const kycVerificationFailure = lazy(() =>
  eventSchema('kyc.verification.failure', {
    ...resultFields(),
    reasons: z.record(z.string(), openEnum(['passed', 'failed'])).optional(),
  }),
);

/** Documents submitted and being reviewed; foreign beneficial owners get `reasons: "Foreign Beneficial Owner"`. */
export const kycVerificationUnderReview = lazy(() =>
  eventSchema('kyc.verification.under_review', {
    ...resultFields(),
    reasons: z.string().optional(),
  }),
);

const requiredDocument = lazy(() =>
  z.looseObject({
    document_type: openEnum(['persona', 'government_id', 'utility_bill', 'proof_of_address', 'social_security_card']),
    status: openEnum(['required', 'submitted']),
    upload_link: z.string(),
  }),
);

/**
 * Documents needed to continue. Some pages spell the type `kyc.verification.documents_required`
 * (one sample is sent with that name), so both names get this schema.
 */
export const kycVerificationDocumentRequired = eventFamily(
  ['kyc.verification.document_required', 'kyc.verification.documents_required'],
  () => ({
    ...resultFields(),
    // Persona inquiry; in the newest sample only.
    inquiry_id: z.string().optional(),
    documents: z.array(requiredDocument()),
  }),
);

/**
 * The customer may have mistyped something: `fields` names what to re-enter. The event list
 * describes an `incorrect_information` field instead (shape undocumented); the sample has no
 * `occurred_at`.
 */
export const kycVerificationReenterInformation = lazy(() =>
  eventSchema('kyc.verification.reenter_information', {
    ...subjectFields(),
    occurred_at: timestamp().optional(),
    description: z.string(),
    fields: z.array(z.string()),
    incorrect_information: z.unknown().optional(),
  }),
);
