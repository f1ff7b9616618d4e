/**
 * `fraud_operations.{freeze,unfreeze,close}.{initiated,success,failed}`: account freeze, unfreeze
 * and close operations on a customer.
 * Sources: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`), which has samples for freeze.initiated/success/failed
 * and close.success only; `customer/customer-onboarding.md` (the fraud operations API). The five
 * types without a sample are given the family's shape, which the docs present as one.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { eventFamily, timestamp } from './common.js';

/** Outcome of one step of the operation; `null` when it was not attempted. */
const stepStatus = lazy(() => openEnum(['Success', 'Failed']).nullable().optional());

export const fraudOperations = eventFamily(
  [
    'fraud_operations.freeze.initiated',
    'fraud_operations.freeze.success',
    'fraud_operations.freeze.failed',
    'fraud_operations.unfreeze.initiated',
    'fraud_operations.unfreeze.success',
    'fraud_operations.unfreeze.failed',
    'fraud_operations.close.initiated',
    'fraud_operations.close.success',
    'fraud_operations.close.failed',
  ],
  () => ({
    occurred_at: timestamp(),
    details: z.looseObject({
      customer_id: z.string(),
      operation_id: z.string(),
      requested_by: z.string(),
      // The API's own examples send other sources ("Fraud Detection System", "Compliance").
      source: openEnum(['Portal']),
      action_type: openEnum(['Freeze', 'Unfreeze', 'Close']),
      // Only on .success / .failed.
      account_status_update: stepStatus(),
      i2c_comment_status_update: stepStatus(),
      persona_account_status_update: stepStatus(),
      // Only on .failed.
      error_message: z.string().optional(),
      error_code: z.string().optional(),
    }),
  }),
);
