/**
 * `credit.application.*`: the consumer credit (secured charge card) application lifecycle.
 * Source: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`). The payload is `details{resource, data}` with the
 * application in `data`.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { date, eventFamily, eventSchema, timestamp } from './common.js';

/** The applicant as the application stores it (SSN masked). Amounts are plain numbers. */
const applicant = lazy(() =>
  z.looseObject({
    customer_id: z.string(),
    first_name: z.string(),
    middle_name: z.string(),
    last_name: z.string(),
    ssn: z.string(),
    date_of_birth: date(),
    email: z.string(),
    phone: z.string().nullable(),
    phone_country_code: z.string().nullable(),
    address_id: z.string(),
    street1: z.string(),
    street2: z.string(),
    city: z.string(),
    state: z.string(),
    zip_code: z.string(),
    country: z.string(),
    monthly_housing_payment: z.number(),
    total_annual_income: z.number(),
  }),
);

const applicationFields = lazy(() => ({
  application_id: z.string(),
  program_id: z.string(),
  application_status: openEnum(['created', 'submitted', 'approved', 'resubmit_required', 'denied']),
  date_created: timestamp(),
  date_updated: timestamp(),
  accounts: z.looseObject({
    // null until the application is approved
    security_deposit_account_id: z.string().nullable(),
  }),
  applicant: applicant(),
}));

const resource = lazy(() => openEnum(['credit.application']));

/** Application created / submitted / approved / to be resubmitted (KYC failed or timed out). */
export const creditApplication = eventFamily(
  [
    'credit.application.created',
    'credit.application.submitted',
    'credit.application.approved',
    'credit.application.resubmit_required',
  ],
  () => ({
    occurred_at: timestamp(),
    details: z.looseObject({
      resource: resource(),
      data: z.looseObject(applicationFields()),
    }),
  }),
);

/**
 * Adverse action generated (application denied). The only documented event stamped with
 * `sent_time` instead of `occurred_at`; `occurred_at` is accepted too in case Atelio aligns it.
 */
export const creditApplicationAdverseAction = lazy(() =>
  eventSchema('credit.application.adverse_action', {
    sent_time: timestamp(),
    occurred_at: timestamp().optional(),
    details: z.looseObject({
      resource: resource(),
      data: z.looseObject({
        ...applicationFields(),
        adverse_action: z.looseObject({
          id: z.string(),
          application_id: z.string(),
          date_created: timestamp(),
          date_updated: timestamp(),
          service: openEnum(['kyc']),
          reasons: z.array(z.string()),
        }),
      }),
    }),
  }),
);
