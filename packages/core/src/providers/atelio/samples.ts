/**
 * Atelio webhook bodies from the documentation, kept verbatim as fixtures (`atelioDocSamples`), and
 * one body per catalogue type (`atelioSamples`) for testing helpers.
 *
 * Sources: seed 003 (`003_05df937780e48a25.txt`, the event-types page) and guyklages/docusaurus
 * `docs/atelio/**`, a writer's mirror of https://docs.atelio.com/embedded/docs/* (e.g.
 * `webhooks/webhook-payloads.md` = https://docs.atelio.com/embedded/docs/webhook-payloads).
 * Values are as documented; where a sample was not valid JSON (comments, trailing commas, Markdown
 * `\` escapes) the minimal fix is described in `note`.
 */
import type { DocSample } from '../../doc-sample.js';
import { type AtelioEventType, atelioCatalog } from './catalog.js';

type Body = Readonly<Record<string, unknown>>;

const SEED = '003_05df937780e48a25.txt';
const DOCS = 'guyklages/docusaurus:docs/atelio/';
const PAYLOADS = `${DOCS}webhooks/webhook-payloads.md`;
const START_KYC = `${DOCS}customer/start-kyc-process.md`;
const UPLOAD_KYC = `${DOCS}customer/upload-kyc-documentation.md`;
const KYC_SANDBOX = `${DOCS}customer/kyc-sandbox-scenarios.md`;
const EF_KYB = `${DOCS}business/ef-kyb.md`;
const BENEFICIAL_OWNERS = `${DOCS}business/beneficial-owners.md`;
const DEPOSIT_ACCOUNTS = `${DOCS}accounts/deposit-accounts.md`;
const WEBHOOK_REQUESTS = `${DOCS}webhooks/webhook-requests.md`;
const TRANSACTIONS_OVERVIEW = `${DOCS}money-movement/transactions-overview.md`;
const PAYMENT_TYPES = `${DOCS}money-movement/payment-types.md`;

/** Transaction pages show the `transaction` object alone: wrapped in the envelope, nothing else added. */
const WRAPPED =
  'The page shows only the transaction object (described as a webhook payload); wrapped as ' +
  '{"event":"transactions","transaction":…} with the object verbatim. No occurred_at is invented.';

function wrapTransaction(transaction: Body): Body {
  return { event: 'transactions', transaction };
}

// ---- credit.application applicant, identical in every sample but the email ----------------------

function applicant(email: string): Body {
  return {
    ssn: 'XXXXX1234',
    monthly_housing_payment: 1000,
    zip_code: '94104',
    street2: 'Ste 600',
    customer_id: '9e1981d9-59c4-433b-a269-e63fb463f36f',
    total_annual_income: 100000,
    date_of_birth: '1970-01-01',
    street1: '345 California St',
    city: 'San Francisco',
    email,
    phone_country_code: null,
    address_id: 'b4f3c81b-96fc-49b3-8517-cf8e75af5012',
    last_name: 'Bond',
    middle_name: '',
    phone: null,
    state: 'CA',
    first_name: 'James',
    country: 'US',
  };
}

// ---- every documented body ------------------------------------------------------------------------

export const atelioDocSamples: readonly DocSample[] = [
  // seed 003 (the event-types page, also docs/atelio/webhooks/webhook-events.md)
  {
    type: 'transactions',
    source: SEED,
    note: 'Same sample as guyklages/docusaurus:docs/atelio/webhooks/webhook-events.md ("Transaction event example").',
    body: {
      event: 'transactions',
      occurred_at: '2022-07-27T21:56:53.150700+00:00',
      transaction: {
        bond_brand_id: '48cd01ee-d333-4688-a6f4-fa1e9f12098b',
        transaction_type: 'ACH Deposit',
        balances: null,
        transaction_id: 'd7990a22-ed1a-441a-b20a-c08307cce65b',
        created_time: '2022-07-27T21:56:53.029766',
        description: 'Retest ACH Transactions',
        amount: '10.01',
        business_id: null,
        account_id: 'bc905964-1432-47f9-8cc5-b42a972bac32',
        fee: null,
        payment_type: 'ach',
        details: {
          destination_account_id: 'afeedb84-6b29-43d6-943f-8d221c7a795f',
          originating_account_id: '10b55efe-fe7b-44de-9e21-5f7ce37d035e',
        },
        customer_id: 'e6cfcaea-195c-4fa7-a185-018118c38752',
        currency: 'USD',
        updated_time: '2022-08-11T21:56:52.888542',
        state: 'pending',
        previous_transaction_id: null,
      },
    },
  },

  // webhooks/webhook-payloads.md
  {
    type: 'account.autopay.changed',
    source: PAYLOADS,
    note: 'Removed the comment `// or "disabled"` after "enabled". No occurred_at in the docs.',
    body: {
      event: 'account.autopay.changed',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      status: 'enabled',
    },
  },
  {
    type: 'account.autopay.failed',
    source: PAYLOADS,
    note: 'No occurred_at in the docs.',
    body: {
      event: 'account.autopay.failed',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      amount_in_cents: 10000,
      statement_start_date: '2023-05-01',
      statement_end_date: '2023-05-31',
    },
  },
  {
    type: 'account.autopay.processed',
    source: PAYLOADS,
    note: 'No occurred_at in the docs.',
    body: {
      event: 'account.autopay.processed',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      amount_in_cents: 10000,
      statement_start_date: '2023-05-01',
      statement_end_date: '2023-05-31',
    },
  },
  {
    type: 'account.autopay.scheduled',
    source: PAYLOADS,
    note: 'No occurred_at in the docs.',
    body: {
      event: 'account.autopay.scheduled',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      amount_in_cents: 10000,
      statement_start_date: '2023-05-01',
      statement_end_date: '2023-05-31',
    },
  },
  {
    type: 'account.statements.generated',
    source: PAYLOADS,
    note: 'No occurred_at in the docs.',
    body: {
      event: 'account.statements.generated',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      statement_start_date: '2023-05-01',
      statement_end_date: '2023-05-31',
    },
  },
  {
    type: 'account.statements.late_payment',
    source: PAYLOADS,
    note: 'Removed a trailing comma. The documented body has no `event` (nor occurred_at): routed as an unknown type.',
    body: {
      customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      card_account_id: '00c96cd0-0e28-48c1-a8f0-63edba69276d',
      statement_start_date: '2024-04-01',
      statement_end_date: '2024-04-30',
      amount_overdue: 1000,
      transaction_id: '1601350c-62df-4a0d-b845-ef279c980240',
      person_id: 'dddbe452-f8b0-401f-a348-1650207f13cd',
    },
  },
  {
    type: 'account.statements.ready',
    source: PAYLOADS,
    note: 'Credit account statement; "<uuid>" placeholders are the docs\' own.',
    body: {
      details: {
        account_id: '<uuid>',
        credit: {
          available_credit: '1377.0',
          credit_limit: '4222.0',
          interest_charged: '0.0',
          minimum_payment_due: '2845.0',
          payment_due_date: '2025-01-23',
          payments_and_credits: '0.0',
          previous_statement_balance: '0.0',
          purchases: '2845.0',
          statement_balance: '2845.0',
        },
        fees: '0.0',
        statement_end_date: '2024-12-31',
        statement_id: '<uuid>',
        statement_month: '2024-12',
        statement_start_date: '2024-12-01',
        transactions: [
          {
            amount: '2845.0',
            settled_date: '2024-12-04',
            transaction_date: '2024-12-04',
            transaction_description: '<transaction statement descriptor>',
            transaction_type: 'Purchase',
          },
        ],
        type: 'credit',
      },
      event: 'account.statements.ready',
      occurred_at: '2025-01-03T21:41:05.307397+00:00',
    },
  },
  {
    type: 'account.statements.ready',
    source: PAYLOADS,
    note: 'Deposit account statement.',
    body: {
      details: {
        account_id: '<uuid>',
        deposit: {
          beginning_balance: '6798.0',
          deposits: '13.0',
          ending_balance: '0.0',
          withdrawals: '6811.0',
        },
        fees: '0.0',
        statement_end_date: '2024-12-31',
        statement_id: '<uuid>',
        statement_month: '2024-12',
        statement_start_date: '2024-12-01',
        transactions: [
          {
            amount: '-6811.0',
            settled_date: '2024-12-21',
            transaction_date: '2024-12-21',
            transaction_description: 'Transfer',
            transaction_type: 'ACH Withdrawal',
          },
          {
            amount: '13.0',
            settled_date: '2024-12-12',
            transaction_date: '2024-12-12',
            transaction_description: 'Cash back rewards (Oct 2024)',
            transaction_type: 'Account to Account',
          },
        ],
        type: 'deposit',
      },
      event: 'account.statements.ready',
      occurred_at: '2025-01-01T07:44:24.900322+00:00',
    },
  },
  {
    type: 'card.created',
    source: PAYLOADS,
    body: {
      event: 'card.created',
      card: {
        status: 'Active',
        card_account_id: '00c96cd0-0e28-48c1-a8f0-63edba69276d',
        last_four: '5181',
        card_id: 'beb8732c-d2ca-4422-b408-91bbe3e2aebf',
        customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
      },
      occurred_at: '2022-07-15T16:33:51.032050+00:00',
    },
  },
  {
    type: 'card.status.active',
    source: PAYLOADS,
    body: {
      event: 'card.status.active',
      card: { card_id: '9e30d021-3f39-4fcc-935b-e286d7f52807', status: 'Active', last_four: '3351' },
      occurred_at: '2022-07-15T19:46:50.778488+00:00',
    },
  },
  {
    type: 'card.status.closed',
    source: PAYLOADS,
    body: {
      event: 'card.status.closed',
      card: { card_id: '5475ad4b-1ae8-4e9e-b4c2-d1badff35564', status: 'Closed', last_four: '9472' },
      occurred_at: '2022-07-15T17:10:19.903691+00:00',
    },
  },
  {
    type: 'card.status.fraud',
    source: PAYLOADS,
    body: {
      event: 'card.status.fraud',
      card: { status: 'Fraud', card_id: 'ee98bd82-a63b-452b-b884-f672a33e8db0', last_four: '3586' },
      occurred_at: '2022-07-15T17:05:05.814836+00:00',
    },
  },
  {
    type: 'card.status.inactive',
    source: PAYLOADS,
    body: {
      event: 'card.status.inactive',
      card: { card_id: 'ee98bd82-a63b-452b-b884-f672a33e8db0', status: 'Inactive', last_four: '3586' },
      occurred_at: '2022-07-15T17:05:11.905684+00:00',
    },
  },
  {
    type: 'card.status.reissue',
    source: PAYLOADS,
    body: {
      event: 'card.status.reissue',
      card: { status: 'Reissue', card_id: 'ee98bd82-a63b-452b-b884-f672a33e8db0', last_four: '3586' },
      occurred_at: '2022-07-15T17:05:52.316767+00:00',
    },
  },
  {
    type: 'develop.api_key.created',
    source: PAYLOADS,
    body: {
      event: 'develop.api_key.created',
      occurred_at: '2023-10-06T20:03:48.508039+00:00',
      created_by: 'test@bond.tech',
      identity: '1601350c-62df-4a0d-b845-ef279c980240',
      key_name: 'test_key',
    },
  },
  {
    type: 'fraud_operations.freeze.initiated',
    source: PAYLOADS,
    body: {
      event: 'fraud_operations.freeze.initiated',
      occurred_at: '2025-04-29T15:30:45.123456+00:00',
      details: {
        customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
        operation_id: 'a7b9c123-4567-89d0-ef12-34567890abcd',
        requested_by: 'fraud_analyst@company.com',
        source: 'Portal',
        action_type: 'Freeze',
      },
    },
  },
  {
    type: 'fraud_operations.freeze.success',
    source: PAYLOADS,
    body: {
      event: 'fraud_operations.freeze.success',
      occurred_at: '2025-04-29T15:31:15.123456+00:00',
      details: {
        customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
        operation_id: 'a7b9c123-4567-89d0-ef12-34567890abcd',
        requested_by: 'fraud_analyst@company.com',
        source: 'Portal',
        action_type: 'Freeze',
        account_status_update: 'Success',
        i2c_comment_status_update: 'Success',
        persona_account_status_update: 'Success',
      },
    },
  },
  {
    type: 'fraud_operations.freeze.failed',
    source: PAYLOADS,
    body: {
      event: 'fraud_operations.freeze.failed',
      occurred_at: '2025-04-29T15:31:15.123456+00:00',
      details: {
        customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
        operation_id: 'a7b9c123-4567-89d0-ef12-34567890abcd',
        requested_by: 'fraud_analyst@company.com',
        source: 'Portal',
        action_type: 'Freeze',
        account_status_update: 'Failed',
        i2c_comment_status_update: null,
        persona_account_status_update: null,
        error_message: 'Unable to update account/card status',
        error_code: 'ERROR_CODE_ACCOUNTING_SERVICE_INTERNAL_ERROR',
      },
    },
  },
  {
    type: 'fraud_operations.close.success',
    source: PAYLOADS,
    note: 'operation_id "c9d1e345-6789-01f2-gh34-56789012cdef" is not a valid UUID (g, h): kept as documented.',
    body: {
      event: 'fraud_operations.close.success',
      occurred_at: '2025-04-29T17:31:15.123456+00:00',
      details: {
        customer_id: '1601350c-62df-4a0d-b845-ef279c980240',
        operation_id: 'c9d1e345-6789-01f2-gh34-56789012cdef',
        requested_by: 'fraud_analyst@company.com',
        source: 'Portal',
        action_type: 'Close',
        account_status_update: 'Success',
        i2c_comment_status_update: 'Success',
        persona_account_status_update: 'Success',
      },
    },
  },
  {
    type: 'kyc.verification.document_required',
    source: PAYLOADS,
    body: {
      event: 'kyc.verification.document_required',
      occurred_at: '2023-03-20T15:41:10.620021+00:00',
      inquiry_id: 'inq_Y8Pe2kSAJ7away95sUUXBpAh',
      customer_id: 'e413a8e7-f072-4e6d-9589-cea35de849c5',
      documents: [
        {
          document_type: 'persona',
          status: 'required',
          upload_link:
            'https://inquiry.withpersona.com/verify?environment=sandbox&inquiry-id=inq_Y8Pe2kSAJ7away95sUUXBpAh',
        },
      ],
    },
  },
  {
    type: 'kyc.verification.under_review',
    source: PAYLOADS,
    body: {
      event: 'kyc.verification.under_review',
      customer_id: '1d48c087-f68e-48ab-b779-a15a3dca4c27',
      occurred_at: '2022-07-15T16:54:12.058527+00:00',
    },
  },
  {
    type: 'kyc.verification.success',
    source: PAYLOADS,
    body: {
      event: 'kyc.verification.success',
      customer_id: '1d48c087-f68e-48ab-b779-a15a3dca4c27',
      occurred_at: '2022-07-15T16:36:46.167945+00:00',
    },
  },
  {
    type: 'kyc.verification.failure',
    source: PAYLOADS,
    body: {
      event: 'kyc.verification.failure',
      customer_id: '1d48c087-f68e-48ab-b779-a15a3dca4c27',
      occurred_at: '2022-07-15T16:41:10.284335+00:00',
    },
  },
  {
    type: 'kyc.verification.timeout',
    source: PAYLOADS,
    body: {
      event: 'kyc.verification.timeout',
      occurred_at: '2022-07-15T19:10:50.187657+00:00',
      customer_id: '6c83e28d-f93b-4446-86e4-a68b414a39e6',
    },
  },
  {
    type: 'kyb.verification.approved',
    source: PAYLOADS,
    note: 'Listed under the kyc.verification heading as ".approved" in the docs.',
    body: {
      event: 'kyb.verification.approved',
      business_id: '0b84df2b-c344-4e70-a496-ecec769a84af',
      occurred_at: '2022-07-15T17:06:41.122010+00:00',
    },
  },
  {
    type: 'credit.application.created',
    source: PAYLOADS,
    body: {
      event: 'credit.application.created',
      occurred_at: '2022-08-23T20:55:32.495309+00:00',
      details: {
        resource: 'credit.application',
        data: {
          applicant: applicant('no-reply@bond.tech'),
          application_id: '109079cb-7995-4e67-be10-ad5279c6c352',
          accounts: { security_deposit_account_id: null },
          date_updated: '2022-08-23T20:55:32.196736Z',
          program_id: '816d1c5a-f3d5-4dc0-84b2-7c6dff6a7c4c',
          date_created: '2022-08-23T20:55:32.194323Z',
          application_status: 'created',
        },
      },
    },
  },
  {
    type: 'credit.application.submitted',
    source: PAYLOADS,
    body: {
      event: 'credit.application.submitted',
      occurred_at: '2022-08-23T20:55:55.663776+00:00',
      details: {
        resource: 'credit.application',
        data: {
          date_updated: '2022-08-23T20:55:55.523519Z',
          date_created: '2022-08-23T20:55:32.194323Z',
          accounts: { security_deposit_account_id: null },
          application_id: '109079cb-7995-4e67-be10-ad5279c6c352',
          program_id: '816d1c5a-f3d5-4dc0-84b2-7c6dff6a7c4c',
          application_status: 'submitted',
          applicant: applicant('no-reply@atelio.com'),
        },
      },
    },
  },
  {
    type: 'credit.application.approved',
    source: PAYLOADS,
    body: {
      event: 'credit.application.approved',
      occurred_at: '2022-08-23T20:56:03.778815+00:00',
      details: {
        resource: 'credit.application',
        data: {
          application_id: '109079cb-7995-4e67-be10-ad5279c6c352',
          applicant: applicant('no-reply@bond.tech'),
          date_updated: '2022-08-23T20:56:03.763837Z',
          date_created: '2022-08-23T20:55:32.194323Z',
          application_status: 'approved',
          accounts: { security_deposit_account_id: '598f15bd-407f-4a6e-9eba-ce81d3090c3f' },
          program_id: '816d1c5a-f3d5-4dc0-84b2-7c6dff6a7c4c',
        },
      },
    },
  },
  {
    type: 'credit.application.resubmit_required',
    source: PAYLOADS,
    body: {
      event: 'credit.application.resubmit_required',
      occurred_at: '2022-07-23T20:00:17.018488+00:00',
      details: {
        data: {
          application_id: '8717de3b-ccdc-4471-9a0a-eb2d2796e113',
          accounts: { security_deposit_account_id: null },
          date_updated: '2022-07-23T20:00:16.997852Z',
          application_status: 'resubmit_required',
          date_created: '2022-07-23T19:58:12.775384Z',
          applicant: applicant('no-reply@bond.tech'),
          program_id: '1be27a53-e449-4d5f-8be6-d7c930ea79c4',
        },
        resource: 'credit.application',
      },
    },
  },
  {
    type: 'credit.application.adverse_action',
    source: PAYLOADS,
    note:
      'Removed the Markdown-export backslashes in `"reasons": [\\ … \\]`. Stamped with sent_time, not ' +
      "occurred_at; adverse_action.application_id differs from the application's, as documented.",
    body: {
      event: 'credit.application.adverse_action',
      sent_time: '2022-06-24T18:36:30.416759',
      details: {
        resource: 'credit.application',
        data: {
          application_id: 'aff6e905-5f4e-49fa-8098-ef7681b056dc',
          applicant: applicant('no-reply@bond.tech'),
          adverse_action: {
            id: '0a7457c4-e195-4711-9aeb-95f21edd47bb',
            application_id: 'a09cf774-29fe-4a1b-82f3-4ac365136074',
            date_created: '2022-04-11T13:13:27.197638Z',
            date_updated: '2022-04-11T13:13:27.284854Z',
            service: 'kyc',
            reasons: ['Unable to verify identity'],
          },
          date_created: '2022-06-24T18:34:02.808056Z',
          date_updated: '2022-06-24T18:36:30.401454Z',
          program_id: '4ff0aefa-a02f-4d20-b520-33eefcd8d5e2',
          application_status: 'denied',
          accounts: { security_deposit_account_id: null },
        },
      },
    },
  },
  {
    type: 'customer.updated',
    source: PAYLOADS,
    body: {
      event: 'customer.updated',
      occurred_at: '2023-10-18T16:27:26.984242+00:00',
      details: {
        last_name: 'Bond',
        phone_country_code: '1',
        addresses: [
          {
            zip_code: '12345-1111',
            city: 'San Francisco',
            address_id: 'b4f3c81b-96fc-49b3-8517-cf8e75af5012',
            country: 'US',
            date_created: '2022-04-25T03:31:46.824113+00:00',
            state: 'CA',
            street: '123 Market St',
            address_type: 'PHYSICAL',
            street2: '',
            is_primary: true,
          },
        ],
        first_name: 'James',
        business_id: null,
        customer_id: '9e1981d9-59c4-433b-a269-e63fb463f36f',
        email: 'test@bond.tech',
        bond_brand_id: '00000000-0000-0000-0000-000000000000',
        middle_name: 'Herbert',
        kyc_requests_available: 0,
        ssn: 'XXX-XX-5555',
        date_created: '2022-04-25T03:31:46.822224+00:00',
        brand_person_id: '832be8a2-7f5e-4d92-c1dd-b5923cc57f88',
        dob: '1920-11-11',
        phone: '1234567890',
      },
    },
  },
  {
    type: 'portal.data_export',
    source: PAYLOADS,
    body: {
      event: 'portal.data_export',
      occurred_at: '2023-10-10T15:39:40.688784+00:00',
      created_by: 'test@bond.tech',
      details: {
        business_id: null,
        transaction_type: null,
        order_by: 'desc',
        transaction_state: null,
        report_type: 'transaction',
        num_rows: 100,
        payment_type: null,
        start_date: '2023-09-10',
        transaction_id: null,
        end_date: '2023-10-10',
        customer_id: null,
      },
    },
  },
  {
    type: 'transactions',
    source: PAYLOADS,
    note: 'Card payment.',
    body: {
      event: 'transactions',
      transaction: {
        transaction_id: 'f3d106b6-45b3-45bd-be44-7c56687cc58a',
        bond_brand_id: '00000000-0000-0000-0000-000000000000',
        customer_id: '90513b2a-bfe9-4f8a-8eb7-53a62ae17f6e',
        account_id: '5f7fbde2-520f-4805-8dcd-848b5aa0298a',
        payment_type: 'card',
        transaction_type: 'POS Purchase',
        state: 'pending',
        description: 'Pre-Auth Transaction-POS Signature Purchase - Partial Amount',
        amount: '-21.93',
        fee: '0.00',
        currency: 'USD',
        created_time: '2022-07-15T18:57:28+00:00',
        updated_time: '2022-07-15T18:57:28+00:00',
        balances: { prior_balance: '-38.07', new_balance: '-60.00' },
        details: {
          card_id: '02045f3a-4e4e-4b79-84cc-f45e9427674a',
          mcc: '5814',
          mcc_description: 'Fast Food',
          currency: 'USD',
          exchange_rate: '1.00',
          merchant_id: '4445197736264',
          merchant_name: "Wendy'S #878",
          merchant_city: 'SAN BRUNO    ',
          merchant_state: 'CA',
          merchant_currency: 'USD',
          merchant_amount: '-22.72',
          cardholder_presence: true,
          statement_descriptor: "WENDY'S #878             SAN BRUNO    CAUSA",
        },
      },
      occurred_at: '2022-06-28T15:38:50.473639+00:00',
    },
  },
  {
    type: 'transactions',
    source: PAYLOADS,
    note: 'ACH transfer.',
    body: {
      event: 'transactions',
      transaction: {
        transaction_id: '337f8357-babc-4362-b814-fa2c5aaf19b6',
        bond_brand_id: '00000000-0000-0000-0000-000000000000',
        customer_id: '08dcd97e-bacb-4da3-bd36-2a8e5655400e',
        account_id: 'b9302eb7-c9ce-4487-a790-d31d12448b34',
        payment_type: 'ach',
        transaction_type: 'ACH Deposit',
        state: 'pending',
        amount: '0.01',
        currency: 'USD',
        created_time: '2022-07-15T16:08:54.226382+00:00',
        updated_time: '2022-07-15T16:08:54.226382+00:00',
        details: {
          class_code: 'WEB',
          destination_account_id: '297b260d-b786-415f-be56-b8682081f356',
          is_card_payment: 'False',
          is_repayment: 'False',
          originating_account_id: 'a0e6f8a5-929a-4555-b339-55d2b3f931cf',
          same_day: 'True',
        },
      },
      occurred_at: '2022-06-23T16:22:06.612669+00:00',
    },
  },
  {
    type: 'transactions',
    source: PAYLOADS,
    note: 'Card-to-card transfer (payment_type "account").',
    body: {
      event: 'transactions',
      transaction: {
        transaction_id: '0721ae9e-616b-4af8-864c-3b7c8b740424',
        bond_brand_id: '5ca99020-807b-45fa-897f-c0fbf90be275',
        customer_id: '4a70f31c-4e2e-4566-b867-642e3470dab2',
        account_id: 'd5b95905-9421-47c0-beb7-ddd6a26e25a8',
        payment_type: 'account',
        transaction_type: 'Card to Card Transfer',
        state: 'completed',
        amount: '10.00',
        currency: 'USD',
        created_time: '2022-07-15T19:41:35+00:00',
        updated_time: '2022-07-15T19:41:35+00:00',
        balances: { prior_balance: '180.01', new_balance: '190.01' },
        details: {
          origination_card_id: '9e30d021-3f39-4fcc-935b-e286d7f52807',
          destination_card_id: '66ce7043-1a1f-48b2-9240-82be0ed0f539',
        },
      },
      occurred_at: '2022-06-23T16:22:06.943717+00:00',
    },
  },

  // customer/start-kyc-process.md
  {
    type: 'kyc.verification.success',
    source: START_KYC,
    note: 'occurred_at is malformed ISO in the docs ("2021-02-02-00:50:58…"): kept.',
    body: {
      event: 'kyc.verification.success',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.failure',
    source: START_KYC,
    body: {
      event: 'kyc.verification.failure',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.error',
    source: START_KYC,
    body: {
      event: 'kyc.verification.error',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.timeout',
    source: START_KYC,
    body: {
      event: 'kyc.verification.timeout',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.document_required',
    source: START_KYC,
    note: 'Removed the trailing comma after the last document.',
    body: {
      event: 'kyc.verification.document_required',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      documents: [
        {
          document_type: 'government_id',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_111111111111111111111111&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'utility_bill',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_222222222222222222222222&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'social_security_card',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_333333333333333333333333&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
      ],
    },
  },
  {
    type: 'kyc.verification.reenter_information',
    source: START_KYC,
    note: 'Removed the Markdown-export backslashes in the `fields` array. No occurred_at in the docs.',
    body: {
      customer_id: 'ef096b64-7409-40cd-9879-badd905dc6a5',
      event: 'kyc.verification.reenter_information',
      description:
        "Re enter the below information for this customer's KYC attempt on program a2a0f2fc-ea8f-4ada-ad22-a1fbb0ca138a",
      fields: ['first_name', 'last_name', 'ssn'],
    },
  },

  // customer/upload-kyc-documentation.md
  {
    type: 'kyc.verification.under_review',
    source: UPLOAD_KYC,
    body: {
      event: 'kyc.verification.under_review',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.document_required',
    source: UPLOAD_KYC,
    note: 'Removed the trailing comma after the last document. The page calls it a `kyc.verification.documents_required` event.',
    body: {
      event: 'kyc.verification.document_required',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      documents: [
        {
          document_type: 'government_id',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_111111111111111111111111&inquiry-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'proof_of_address',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_222222222222222222222222&inquiry-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'social_security_card',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_333333333333333333333333&inquiry-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
      ],
    },
  },

  // customer/kyc-sandbox-scenarios.md
  {
    type: 'kyc.verification.success',
    source: KYC_SANDBOX,
    note: 'Sent after SimulateKYCPass.',
    body: {
      event: 'kyc.verification.success',
      customer_id: '931e2341-c3eb-4681-97d4-f6e09d90da14',
      occurred_at: '2021-10-17T11:25:37.369236+00:00',
    },
  },

  // webhooks/webhook-requests.md (its generic `"event": "event.label"` example is not a real type)
  {
    type: 'kyc.verification.success',
    source: WEBHOOK_REQUESTS,
    body: {
      event: 'kyc.verification.success',
      customer_id: '931e2341-c3eb-4681-97d4-f6e09d90da14',
      occurred_at: '2021-10-20T10:27:20.154286+00:00',
    },
  },
  {
    type: 'kyc.verification.failure',
    source: WEBHOOK_REQUESTS,
    body: {
      event: 'kyc.verification.failure',
      customer_id: '931e2341-c3eb-4681-97d4-f6e09d90da14',
      occurred_at: '2021-10-20T10:35:34.781911+00:00',
    },
  },

  // business/ef-kyb.md
  {
    type: 'kyb.verification.approved',
    source: EF_KYB,
    body: {
      event: 'kyb.verification.approved',
      business_id: '002e0f0e-e39d-4351-876c-afcad30d9c37',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyb.verification.rejected',
    source: EF_KYB,
    body: {
      event: 'kyb.verification.rejected',
      business_id: '002e0f0e-e39d-4351-876c-afcad30d9c37',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      details: [
        { code: 'rejected_address', reason: 'address verification failed' },
        { code: 'rejected_tin', reason: 'TIN verification failed' },
        { code: 'rejected_name', reason: 'name verification failed' },
        { code: 'rejected_watchlist', reason: 'watchlist verification failed.' },
      ],
    },
  },
  {
    type: 'kyb.verification.warning',
    source: EF_KYB,
    body: {
      event: 'kyb.verification.warning',
      business_id: '002e0f0e-e39d-4351-876c-afcad30d9c37',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyb.verification.error',
    source: EF_KYB,
    body: {
      event: 'kyb.verification.error',
      business_id: '002e0f0e-e39d-4351-876c-afcad30d9c37',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },

  // accounts/deposit-accounts.md
  {
    type: 'kyb.verification.approved',
    source: DEPOSIT_ACCOUNTS,
    body: {
      event: 'kyb.verification.approved',
      business_id: 'b57ecb2f-659d-4bfe-a61d-ef56000226a6',
      occurred_at: '2022-07-15T17:06:41.122010+00:00',
    },
  },

  // business/beneficial-owners.md (beneficial-owner KYC: `beneficial_owner_id` instead of `customer_id`)
  {
    type: 'kyc.verification.success',
    source: BENEFICIAL_OWNERS,
    body: {
      event: 'kyc.verification.success',
      beneficial_owner_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.failure',
    source: BENEFICIAL_OWNERS,
    body: {
      event: 'kyc.verification.failure',
      beneficial_owner_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      reasons: { ofac: 'failed', bureau: 'passed', mobile: 'passed', ip: 'passed', email: 'passed' },
    },
  },
  {
    type: 'kyc.verification.error',
    source: BENEFICIAL_OWNERS,
    body: {
      event: 'kyc.verification.error',
      beneficial_owner_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.timeout',
    source: BENEFICIAL_OWNERS,
    body: {
      event: 'kyc.verification.timeout',
      beneficial_owner_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.documents_required',
    source: BENEFICIAL_OWNERS,
    note:
      'The one sample sent as `kyc.verification.documents_required` (plural). Removed the trailing comma after ' +
      'the last document (an older revision of the page also had Markdown `\\` escapes).',
    body: {
      event: 'kyc.verification.documents_required',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      documents: [
        {
          document_type: 'government_id',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_111111111111111111111111&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'utility_bill',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_222222222222222222222222&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'social_security_card',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_333333333333333333333333&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
      ],
    },
  },
  {
    type: 'kyc.verification.under_review',
    source: BENEFICIAL_OWNERS,
    note: 'Foreign beneficial owner routed to manual review.',
    body: {
      event: 'kyc.verification.under_review',
      beneficial_owner_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      reasons: 'Foreign Beneficial Owner',
    },
  },
  {
    type: 'kyc.verification.failure',
    source: BENEFICIAL_OWNERS,
    note: 'PO Box failure with error_code and description.',
    body: {
      event: 'kyc.verification.failure',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      error_code: 'po_box_failure',
      description: 'Customer address is a PO Box. Request a new address',
    },
  },
  {
    type: 'kyc.verification.under_review',
    source: BENEFICIAL_OWNERS,
    body: {
      event: 'kyc.verification.under_review',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
    },
  },
  {
    type: 'kyc.verification.document_required',
    source: BENEFICIAL_OWNERS,
    note: 'Removed the trailing comma after the last document. The page calls it a `kyc.verification.documents_required` event.',
    body: {
      event: 'kyc.verification.document_required',
      customer_id: 'a5bcf5a8-c4e0-4025-8183-5346176ee3db',
      occurred_at: '2021-02-02-00:50:58.484840+00:00',
      documents: [
        {
          document_type: 'government_id',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_111111111111111111111111&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'proof_of_address',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_222222222222222222222222&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
        {
          document_type: 'social_security_card',
          upload_link:
            'https://withpersona.com/verify?template-id=tmpl_333333333333333333333333&reference-id=a5bcf5a8-c4e0-4025-8183-5346176ee3db',
          status: 'required',
        },
      ],
    },
  },

  // money-movement/transactions-overview.md
  {
    type: 'transactions',
    source: TRANSACTIONS_OVERVIEW,
    note: `Multi-settlement, initial settlement payload. Removed the Markdown-export backslashes in "settlements". ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: 'b07b0290-47ff-47a0-9e70-4668508a8018',
      bond_brand_id: 'c17c0500-afce-40a5-b3b4-bb77bea04417',
      customer_id: 'b3e83408-4d42-4cf6-a139-f41c73e402f8',
      account_id: '21074045-07b0-4bca-819a-462c3bdb5c3b',
      payment_type: 'card',
      transaction_type: 'POS Purchase',
      state: 'completed',
      description: 'POS Purchase',
      amount: '-30.49',
      currency: 'USD',
      created_time: '2023-12-16T19:42:05.721337+00:00',
      updated_time: '2023-12-19T10:54:42.704103+00:00',
      details: {
        mcc: '5977',
        mcc_description: 'Cosmetic Stores',
        currency: 'USD',
        exchange_rate: '1.000000',
        merchant_id: '000174030076999',
        merchant_name: 'Paypal *Sephora Usa',
        merchant_city: '4029357733',
        merchant_currency: 'USD',
        merchant_amount: '-35.93',
        cardholder_presence: false,
        statement_descriptor: 'PAYPAL *SEPHORA USA   4029357733   USAPAYPAL   *SEPHORA USA',
        products: ['COSMETICS', 'BEAUTY'],
        settlements: [{ settlement_date: '2024-12-16T03:47:27+00', amount: '-30.49' }],
      },
      balances: {},
    }),
  },
  {
    type: 'transactions',
    source: TRANSACTIONS_OVERVIEW,
    note:
      'Multi-settlement, final settlement payload. Removed the Markdown-export backslashes and the trailing ' +
      `comma in "settlements"; the second settlement_date has a space instead of "T", kept. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: 'b07b0290-47ff-47a0-9e70-4668508a8018',
      bond_brand_id: 'c17c0500-afce-40a5-b3b4-bb77bea04417',
      customer_id: 'b3e83408-4d42-4cf6-a139-f41c73e402f8',
      account_id: '21074045-07b0-4bca-819a-462c3bdb5c3b',
      payment_type: 'card',
      transaction_type: 'POS Purchase',
      state: 'completed',
      description: 'POS Purchase',
      amount: '-35.93',
      currency: 'USD',
      created_time: '2023-12-16T19:42:05.721337+00:00',
      updated_time: '2023-12-19T10:54:42.704103+00:00',
      details: {
        mcc: '5977',
        mcc_description: 'Cosmetic Stores',
        currency: 'USD',
        exchange_rate: '1.000000',
        merchant_id: '000174030076999',
        merchant_name: 'Paypal *Sephora Usa',
        merchant_city: '4029357733',
        merchant_currency: 'USD',
        merchant_amount: '-35.93',
        cardholder_presence: false,
        statement_descriptor: 'PAYPAL *SEPHORA USA   4029357733   USAPAYPAL   *SEPHORA USA',
        products: ['COSMETICS', 'BEAUTY'],
        settlements: [
          { settlement_date: '2024-12-16T03:47:27+00', amount: '-30.49' },
          { settlement_date: '2024-12-18 21:11:49+00', amount: '-5.44' },
        ],
      },
      balances: {},
    }),
  },
  {
    type: 'transactions',
    source: TRANSACTIONS_OVERVIEW,
    note: `Transaction state example: state "Pending" is capitalised here only; ids are not UUIDs. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '94ab1902-2406-4894-99cf-9888e62e1288',
      bond_brand_id: '123456abcdef',
      customer_id: '1234567abcdef',
      account_id: '12345678abcdef',
      payment_type: 'card',
      transaction_type: 'POS Purchase',
      state: 'Pending',
      amount: '-2.00',
      currency: 'USD',
      created_time: '2021-03-16T16:17:39.578198+00:00',
      updated_time: '2021-03-16T16:16:57',
      details: {
        card_id: 'abcdef1234567890',
        mcc: '5942',
        mcc_description: 'Book Stores',
        currency: 'USD',
        merchant_id: '784959000762203',
        merchant_name: 'Amazon.com               Amzn.com/billWAUSA',
        merchant_city: 'Amzn.com/bill',
        merchant_state: 'WA',
        merchant_postal_code: '34100',
        merchant_currency: 'USD',
        merchant_amount: '-2.00',
        exchange_rate: '1.00',
        cardholder_presence: false,
        statement_descriptor: 'Pre-Auth Transaction-POS Signature Purchase',
      },
    }),
  },

  // money-movement/payment-types.md ("Transaction examples")
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Cash withdrawal. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '30a2b5a4-c8af-49b3-8272-f9cda6b5654d',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: '35ae74c5-cb4f-4166-b4f4-146caf104973',
      account_id: 'bdd9154f-2c7a-4834-9184-33791616367c',
      payment_type: 'card',
      transaction_type: 'Cash Withdrawal',
      state: 'completed',
      description: 'Domestic ATM Cash Withdrawal',
      amount: '-20.00',
      currency: 'USD',
      created_time: '2022-08-03T20:41:55+00:00',
      updated_time: '2022-08-03T20:41:55+00:00',
      balances: { prior_balance: '-358.36', new_balance: '-383.66' },
      details: {
        card_id: 'aebe6b3a-e9df-42ed-8d71-280d13ef75ec',
        mcc: '6011',
        mcc_description: 'Automated Cash Disbursement - Member Institution',
        currency: 'USD',
        exchange_rate: '1.00',
        merchant_id: 'TFND/MONEYPASS',
        merchant_name: 'Transfund',
        merchant_city: 'ROUND ROCK',
        merchant_state: 'TX',
        merchant_currency: 'USD',
        merchant_amount: '-20',
        cardholder_presence: true,
        statement_descriptor: 'TRANSFUND                ROUND ROCK   TXUSA',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `ATM withdrawal fee. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '2db09df4-0911-491f-86dd-a200563cffae',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: '35ae74c5-cb4f-4166-b4f4-146caf104973',
      account_id: 'bdd9154f-2c7a-4834-9184-33791616367c',
      payment_type: 'card',
      transaction_type: 'Fee',
      state: 'completed',
      description: 'Fee of Domestic ATM Cash Withdrawal',
      amount: '-0.99',
      currency: 'USD',
      created_time: '2022-07-28T22:05:09+00:00',
      updated_time: '2022-07-28T22:05:09+00:00',
      balances: { prior_balance: '-151.91', new_balance: '-228.04' },
      details: {
        card_id: 'aebe6b3a-e9df-42ed-8d71-280d13ef75ec',
        fee_type: 'Generic',
        linked_transaction_id: '97141e4e-ee2d-47d3-b1ea-40b9a2f74969',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Card reissue fee. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '10c2ef09-dd32-4ee5-b8ee-a4613a9c8a96',
      bond_brand_id: '3d6a093b-ff34-413d-a7a9-4972f4149bec',
      customer_id: '4e04c6e4-0b5a-4ba2-9edc-655f7653fd9f',
      account_id: '3bf93342-7264-4e95-b7c9-1ea5682123f6',
      payment_type: 'card',
      transaction_type: 'Fee',
      state: 'completed',
      description: 'Fee-Reissue Card - From Card Number (51*************8396)',
      amount: '-4.99',
      currency: 'USD',
      created_time: '2023-01-02T01:31:14+00:00',
      updated_time: '2023-01-02T01:31:14+00:00',
      details: {
        card_id: '3bc18277-c37d-4684-9004-a9055ced779a',
        fee_type: 'Reissue Card',
      },
      balances: { prior_balance: '-4.99', new_balance: '-4.99' },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Pre-authorization (POS Purchase, pending). ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '59a2e7c1-9853-4aed-b1a4-f41ab0516b6e',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: '0bb749c9-ca8f-4010-950f-071f3667b3fc',
      account_id: '73401ad8-ece1-4018-bba4-93c21b451900',
      payment_type: 'card',
      transaction_type: 'POS Purchase',
      state: 'pending',
      description: 'Pre-Auth Transaction-POS Signature Purchase',
      amount: '-4.50',
      currency: 'USD',
      created_time: '2022-08-05T17:22:19+00:00',
      updated_time: '2022-08-05T17:22:19+00:00',
      balances: { prior_balance: '-12.00', new_balance: '-16.50' },
      details: {
        card_id: 'e68adbcc-d76d-47b9-b7c0-d7aa65337f88',
        mcc: '5814',
        mcc_description: 'Fast Food',
        currency: 'USD',
        exchange_rate: '1.00',
        merchant_id: '242632000053360',
        merchant_name: 'Sq *Rising Star Coffee   Cleveland    Ohusa',
        merchant_city: 'Cleveland    ',
        merchant_state: 'OH',
        merchant_currency: 'USD',
        merchant_amount: '-4.5',
        cardholder_presence: true,
        statement_descriptor: 'SQ *RISING STAR COFFEE   Cleveland    OHUSA',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `POS purchase, completed. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '03cc5178-243b-42fa-a73a-27000da36e7c',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: '35ae74c5-cb4f-4166-b4f4-146caf104973',
      account_id: 'bdd9154f-2c7a-4834-9184-33791616367c',
      payment_type: 'card',
      transaction_type: 'POS Purchase',
      state: 'completed',
      description: 'Pre-Auth Transaction-POS Signature Purchase',
      amount: '-6.68',
      currency: 'USD',
      created_time: '2022-08-03T20:31:56+00:00',
      updated_time: '2022-08-03T20:31:56+00:00',
      balances: { prior_balance: '-397.53', new_balance: '-397.53' },
      details: {
        card_id: 'aebe6b3a-e9df-42ed-8d71-280d13ef75ec',
        mcc: '5542',
        mcc_description: 'Automatic Fuel Dispenser',
        currency: 'USD',
        exchange_rate: '1.00',
        merchant_id: '195000005833001',
        merchant_name: 'Qt 4134',
        merchant_city: 'ROUND ROCK',
        merchant_state: 'TX',
        merchant_currency: 'USD',
        merchant_amount: '-6.68',
        statement_descriptor: 'QT 4134 ROUND ROCK   TXUSA',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Credit adjustment (merchant refund). ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: 'af827f08-95cc-423d-95f7-c9f5d1e41587',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: 'baae67f7-00e6-4e1e-8a08-03d4daad9e43',
      account_id: 'e14fee38-118b-43db-87db-b9da975a679f',
      payment_type: 'card',
      transaction_type: 'Credit Adjustment',
      state: 'completed',
      amount: '11.00',
      currency: 'USD',
      created_time: '2022-01-07T15:39:37+00:00',
      updated_time: '2022-01-07T15:39:37+00:00',
      balances: { prior_balance: '17.02', new_balance: '11.02' },
      details: {
        card_id: '030bbe79-4272-4b43-8d64-5cd558ed65fa',
        mcc: '5999',
        mcc_description: 'Misc Retail',
        currency: 'USD',
        exchange_rate: '1.0',
        merchant_id: '242661000053360',
        merchant_name: 'Sq *Atelio Financial Tec   San Franciscocausa',
        merchant_city: 'San Francisco',
        merchant_state: 'CA',
        merchant_currency: 'USD',
        merchant_amount: '11',
        cardholder_presence: false,
        statement_descriptor: 'SQ *BOND FINANCIAL TEC   San FranciscoCAUSA',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Provisional credit (chargeback). ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: 'defa388d-29e3-4d77-a853-80893a09cdb1',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: 'ea326d41-0d2a-4c3a-9b90-4d18fb410191',
      account_id: '670b3035-4c04-4999-985b-b53e14d5146f',
      payment_type: 'card',
      transaction_type: 'Provisional Credit',
      state: 'completed',
      description: 'Provisional Credit',
      amount: '1.21',
      fee: '0.00',
      currency: 'USD',
      created_time: '2022-06-16T22:16:57+00:00',
      updated_time: '2022-06-16T22:16:57+00:00',
      details: {
        card_id: '90107917-3b9e-4411-8a1e-b8fcbf17eae9',
        mcc: '0',
        mcc_description: 'Merchant Unknown',
        currency: 'USD',
        exchange_rate: '1.00',
        merchant_name: 'Usa',
        merchant_currency: 'USD',
        merchant_amount: '1.21',
        statement_descriptor: 'USA',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Purchase returns. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '9c80fac3-885d-4534-bbba-3a2598864b9f',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: 'bf0b1891-cd63-46ef-8c6f-c98f3468af9c',
      account_id: '91b9f9af-fdbc-44d0-93df-c68865b525a5',
      payment_type: 'card',
      transaction_type: 'Purchase Returns',
      state: 'completed',
      description:
        'POS Signature Return International (with currency conversion) [European EMU, Euro: 1.28], Fx @1.0312',
      amount: '1.32',
      currency: 'USD',
      created_time: '2022-08-14T00:40:27+00:00',
      updated_time: '2022-08-14T00:40:27+00:00',
      balances: { prior_balance: '-42.06', new_balance: '-43.38' },
      details: {
        card_id: 'ab386833-0903-4a03-93b0-49d75bb3e124',
        mcc: '5734',
        mcc_description: 'Computer Software',
        currency: 'USD',
        exchange_rate: '1.03125',
        merchant_id: 'AWBI8FHJQJHZYIP',
        merchant_name: 'Stripe Secure',
        merchant_city: 'LONDON',
        merchant_state: 'LN',
        merchant_currency: 'EUR',
        merchant_amount: '1.28',
        statement_descriptor: 'STRIPE SECURE LONDON LNGBR',
      },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Payroll to a credit account (External ACH Deposit). ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: 'b8ef629e-8833-49f5-bf31-94b610b87522',
      bond_brand_id: '00000000-0000-0000-0000-000000000000',
      customer_id: 'a8d9de10-0eb8-476f-8cb9-9a1f99b166b0',
      account_id: '12354a17-91c0-4575-849d-e05ded46af5c',
      payment_type: 'ach',
      transaction_type: 'External ACH Deposit',
      state: 'completed',
      amount: '50.00',
      currency: 'USD',
      created_time: '2023-03-01T05:45:09.579917+00:00',
      updated_time: '2023-03-01T05:45:09.579917+00:00',
      details: {
        card_id: '6457faff-937e-4f8b-9b22-cd992842da40',
        class_code: 'PPD',
        direction: 'credit',
        description: 'PAYROLL',
        products: ['direct deposit', 'payroll'],
      },
      balances: { prior_balance: '1326.32', new_balance: '1326.32' },
    }),
  },
  {
    type: 'transactions',
    source: PAYMENT_TYPES,
    note: `Payroll to a deposit account: same_day is a JSON boolean here, a "True"/"False" string elsewhere. ${WRAPPED}`,
    body: wrapTransaction({
      transaction_id: '7604955a-fa1b-4025-88c5-6948533b8111',
      bond_brand_id: '3d6a093b-ff34-413d-a7a9-4972f4149bec',
      customer_id: '8d9a3c7b-1891-4176-b873-bca398a316d9',
      account_id: '08c4745f-4c4a-442c-a40a-1fab9fbd39b1',
      payment_type: 'account',
      transaction_type: 'External ACH Deposit',
      state: 'completed',
      description: 'Atelio::John Doe',
      amount: '50.00',
      currency: 'USD',
      created_time: '2023-02-15T09:30:10.042120+00:00',
      updated_time: '2023-02-15T09:30:10.042120+00:00',
      details: {
        originating_account_id: '08c4745f-4c4a-442c-a40a-1fab9fbd39b1',
        destination_account_id: '96940004-569f-4672-acd2-30901224c54e',
        class_code: 'PPD',
        same_day: false,
        return_code: '',
        failure_reason: '',
      },
      balances: {},
    }),
  },
];

// ---- one body per catalogue type --------------------------------------------------------------------

/** The first documented body of a type (the object itself, not a copy). */
function firstDocSample(type: AtelioEventType): Body {
  const sample = atelioDocSamples.find((candidate) => candidate.type === type);
  if (!sample) throw new Error(`No documented Atelio sample for "${type}".`);
  return sample.body;
}

// Constructed bodies use obviously fake data: this time and ids ending in the digit shown.
const FAKE_TIME = '2000-01-01T00:00:00.000000+00:00';
const fakeId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A fraud operation with no documented sample, built on the shape of the documented ones. */
function fraudSample(type: string, actionType: string, outcome: 'initiated' | 'success' | 'failed'): Body {
  const steps =
    outcome === 'success'
      ? {
          account_status_update: 'Success',
          i2c_comment_status_update: 'Success',
          persona_account_status_update: 'Success',
        }
      : outcome === 'failed'
        ? {
            account_status_update: 'Failed',
            i2c_comment_status_update: null,
            persona_account_status_update: null,
            error_message: 'Example failure (constructed sample)',
            error_code: 'ERROR_CODE_EXAMPLE',
          }
        : {};
  return {
    event: type,
    occurred_at: FAKE_TIME,
    details: {
      customer_id: fakeId(1),
      operation_id: fakeId(2),
      requested_by: 'analyst@example.com',
      source: 'Portal',
      action_type: actionType,
      ...steps,
    },
  };
}

function cardStatusSample(type: string, status: string): Body {
  return { event: type, card: { card_id: fakeId(3), status, last_four: '0000' }, occurred_at: FAKE_TIME };
}

/**
 * Bodies for the types whose first documented sample lacks `event` or `occurred_at` (built from it,
 * the verbatim sample stays in `atelioDocSamples`) or that have no documented sample at all
 * (constructed). `credit.application.adverse_action` keeps its documented `sent_time` instead.
 */
const constructedSamples: Partial<Record<AtelioEventType, Body>> = {
  // documented without occurred_at: add one so testing helpers get a stable de-duplication id
  'account.autopay.changed': { ...firstDocSample('account.autopay.changed'), occurred_at: FAKE_TIME },
  'account.autopay.failed': { ...firstDocSample('account.autopay.failed'), occurred_at: FAKE_TIME },
  'account.autopay.processed': { ...firstDocSample('account.autopay.processed'), occurred_at: FAKE_TIME },
  'account.autopay.scheduled': { ...firstDocSample('account.autopay.scheduled'), occurred_at: FAKE_TIME },
  'account.statements.generated': { ...firstDocSample('account.statements.generated'), occurred_at: FAKE_TIME },
  'kyc.verification.reenter_information': {
    ...firstDocSample('kyc.verification.reenter_information'),
    occurred_at: FAKE_TIME,
  },
  // documented without event: add it so the body routes as this type
  'account.statements.late_payment': {
    event: 'account.statements.late_payment',
    ...firstDocSample('account.statements.late_payment'),
    occurred_at: FAKE_TIME,
  },
  // the singular spelling: the documented plural body under the other name
  'account.statement.ready': { ...firstDocSample('account.statements.ready'), event: 'account.statement.ready' },
  // constructed: no documented sample
  'card.status.lost': cardStatusSample('card.status.lost', 'Lost'),
  'card.status.stolen': cardStatusSample('card.status.stolen', 'Stolen'),
  // the status value of this type is undocumented: a guess
  'card.status.no_withdrawals': cardStatusSample('card.status.no_withdrawals', 'No Withdrawals'),
  'fraud_operations.unfreeze.initiated': fraudSample('fraud_operations.unfreeze.initiated', 'Unfreeze', 'initiated'),
  'fraud_operations.unfreeze.success': fraudSample('fraud_operations.unfreeze.success', 'Unfreeze', 'success'),
  'fraud_operations.unfreeze.failed': fraudSample('fraud_operations.unfreeze.failed', 'Unfreeze', 'failed'),
  'fraud_operations.close.initiated': fraudSample('fraud_operations.close.initiated', 'Close', 'initiated'),
  'fraud_operations.close.failed': fraudSample('fraud_operations.close.failed', 'Close', 'failed'),
  'kyb.verification.initiated': { event: 'kyb.verification.initiated', business_id: fakeId(4), occurred_at: FAKE_TIME },
  // constructed, payload undocumented: the envelope only, nothing invented
  'account.history.ready': { event: 'account.history.ready', occurred_at: FAKE_TIME },
  'card.wallet.add': { event: 'card.wallet.add', occurred_at: FAKE_TIME },
  'card.wallet.add_failure': { event: 'card.wallet.add_failure', occurred_at: FAKE_TIME },
  'commercial.credit_application.created': { event: 'commercial.credit_application.created', occurred_at: FAKE_TIME },
  'commercial.credit_application.submitted': {
    event: 'commercial.credit_application.submitted',
    occurred_at: FAKE_TIME,
  },
  'commercial.credit_application.under_review': {
    event: 'commercial.credit_application.under_review',
    occurred_at: FAKE_TIME,
  },
  'commercial.credit_application.approved': { event: 'commercial.credit_application.approved', occurred_at: FAKE_TIME },
  'commercial.credit_application.denied': { event: 'commercial.credit_application.denied', occurred_at: FAKE_TIME },
  'commercial.credit_application.resubmit_required': {
    event: 'commercial.credit_application.resubmit_required',
    occurred_at: FAKE_TIME,
  },
  'commercial.credit_application.pending': { event: 'commercial.credit_application.pending', occurred_at: FAKE_TIME },
};

/**
 * One body per catalogue type: the first documented sample where there is a usable one, else the
 * body above. Every body carries its `event` and a timestamp (`occurred_at`, or `sent_time` for
 * `credit.application.adverse_action` as documented).
 */
export const atelioSamples = Object.fromEntries(
  (Object.keys(atelioCatalog) as AtelioEventType[]).map((type) => [
    type,
    constructedSamples[type] ?? firstDocSample(type),
  ]),
) as { readonly [T in AtelioEventType]: Body };
