/**
 * `customer.updated`: a customer changed their personal information; `details` is the customer object.
 * Sources: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`); `customer/customer-onboarding.md` (address
 * `deliverability`, seen on the customer API object).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { date, eventSchema, timestamp } from './common.js';

const address = lazy(() =>
  z.looseObject({
    address_id: z.string(),
    address_type: openEnum(['PHYSICAL', 'MAILING']),
    street: z.string(),
    street2: z.string(),
    city: z.string(),
    state: z.string(),
    zip_code: z.string(),
    country: z.string(),
    is_primary: z.boolean(),
    date_created: timestamp(),
    deliverability: openEnum(['deliverable', 'deliverable_missing_unit', 'undeliverable']).optional(),
  }),
);

export const customerUpdated = lazy(() =>
  eventSchema('customer.updated', {
    occurred_at: timestamp(),
    details: z.looseObject({
      customer_id: z.string(),
      brand_person_id: z.string(),
      bond_brand_id: z.string(),
      business_id: z.string().nullable(),
      first_name: z.string(),
      middle_name: z.string(),
      last_name: z.string(),
      dob: date(),
      ssn: z.string(),
      email: z.string(),
      phone: z.string(),
      phone_country_code: z.string(),
      kyc_requests_available: z.int(),
      date_created: timestamp(),
      addresses: z.array(address()),
    }),
  }),
);
