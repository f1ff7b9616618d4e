/**
 * Payment events.
 *
 * Sources:
 * - https://docs.moneyhubenterprise.com/docs/payment-completed
 * - https://docs.moneyhubenterprise.com/docs/payment-pending
 * - https://docs.moneyhubenterprise.com/docs/payment-error
 * - https://docs.moneyhubenterprise.com/docs/webhook-format (the JWT sample carries a payment-completed payload)
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { moneyhubEvents } from './envelope.js';

/**
 * Each page says the status is "always" one value (completed / pending / rejected). Kept open, and
 * shared by the three types, so a new or differently-cased status does not drop the event.
 */
export const paymentStatus = lazy(() => openEnum(['completed', 'pending', 'rejected']));

/**
 * The pages' tables spell the id `paymentID`, but their examples and the decoded JWT sample use
 * `paymentId`: the examples win (a `paymentID` field would still pass through).
 */
export const paymentPayload = lazy(() =>
  z.looseObject({
    paymentId: z.string(),
    paymentSubmissionId: z.string(),
    /** ISO 8601 time the payment was submitted to the bank. */
    submittedAt: z.string(),
    status: paymentStatus(),
  }),
);

export const paymentPendingPayload = lazy(() =>
  paymentPayload().extend({
    reference: z.string(),
    /** End-to-end identification set by the initiating party, passed unchanged along the chain. */
    endToEndId: z.string(),
  }),
);

export const paymentEvents = {
  ...moneyhubEvents(['paymentCompleted', 'paymentError'], paymentPayload),
  ...moneyhubEvents(['paymentPending'], paymentPendingPayload),
};
