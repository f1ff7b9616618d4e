/**
 * `develop.api_key.created` and `portal.data_export`: Atelio Portal / developer activity.
 * Source: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { date, eventSchema, timestamp } from './common.js';

/** A new API key was created; `identity` is the key's identity UUID. */
export const developApiKeyCreated = lazy(() =>
  eventSchema('develop.api_key.created', {
    occurred_at: timestamp(),
    created_by: z.string(),
    identity: z.string(),
    key_name: z.string(),
  }),
);

/** A Portal user downloaded a transactions report; `details` echoes the report's filters (null = unset). */
export const portalDataExport = lazy(() =>
  eventSchema('portal.data_export', {
    occurred_at: timestamp(),
    created_by: z.string(),
    details: z.looseObject({
      report_type: openEnum(['transaction']),
      start_date: date(),
      end_date: date(),
      num_rows: z.int(),
      order_by: openEnum(['asc', 'desc']),
      customer_id: z.string().nullable().optional(),
      business_id: z.string().nullable().optional(),
      transaction_id: z.string().nullable().optional(),
      transaction_type: z.string().nullable().optional(),
      transaction_state: z.string().nullable().optional(),
      payment_type: z.string().nullable().optional(),
    }),
  }),
);
