import type { DocSample } from '../../doc-sample.js';
import type { MoneyhubEventType } from './catalog.js';

/**
 * Moneyhub's documentation samples, as normalised JSON bodies `{ id, eventType, userId, payload }`.
 * Values are verbatim. Most pages show only the `payload`: those are wrapped in an envelope whose
 * `userId` is the overview example's and whose `id` is a made-up UUID (one per sample, so they do
 * not de-duplicate each other); each such sample's `note` says so.
 */

const DOCS = 'https://docs.moneyhubenterprise.com/docs';
const SEED = '002_a734a484b4c5fb58.txt';
/** The `userId` of the overview example (seed 002), reused for wrapped payloads. */
const DOC_USER_ID = '5c79210bbac25ecb5e71ac40';
const WRAPPED = `Page shows only the payload; wrapped in an envelope with a made-up id and the overview example's userId.`;

/** The transaction pages (new/updated/deleted/restored) all show this payload. */
const docAccountsPayload = {
  accounts: [
    {
      id: '6d0baf11-248e-4c11-9c04-97b7758b4e04',
      transactions: ['d520402a-d982-43ee-b1d1-bdfd282249ea', '613586bf-dac9-4996-9c03-7194a7d62297'],
    },
  ],
};

const regularTransactionsPayload = { seriesIds: ['032378eb-e335-5919-8f75-d833a5e4bff9'] };

export const moneyhubDocSamples: readonly DocSample[] = [
  {
    type: 'newTransactions',
    source: SEED,
    body: {
      id: 'abe168ce-1b2f-4c38-9c92-db5730485cb3',
      eventType: 'newTransactions',
      userId: '5c79210bbac25ecb5e71ac40',
      payload: docAccountsPayload,
    },
    note: 'The only full envelope in the docs (also at https://docs.moneyhubenterprise.com/docs/webhooks-introduction and in moneyhub/api-docs source/index.html.md).',
  },
  {
    type: 'newTransactions',
    source: `${DOCS}/new-transaction`,
    body: {
      id: '59e41bd7-32ca-4313-94d9-0fdeeb0d549b',
      eventType: 'newTransactions',
      userId: DOC_USER_ID,
      payload: docAccountsPayload,
    },
    note: WRAPPED,
  },
  {
    type: 'updatedTransactions',
    source: `${DOCS}/updated-transactions`,
    body: {
      id: '1dcfdd76-57bf-42eb-a259-b5d13d9e1ad1',
      eventType: 'updatedTransactions',
      userId: DOC_USER_ID,
      payload: docAccountsPayload,
    },
    note: `${WRAPPED} The page's example lacks its closing "}" (added). An older slug is /docs/upated-transactions.`,
  },
  {
    type: 'deletedTransactions',
    source: `${DOCS}/deleted-transactions`,
    body: {
      id: '1bb14686-27f6-464b-905d-085c733bdef6',
      eventType: 'deletedTransactions',
      userId: DOC_USER_ID,
      payload: docAccountsPayload,
    },
    note: WRAPPED,
  },
  {
    type: 'restoredTransactions',
    source: `${DOCS}/restored-transactions`,
    body: {
      id: '2f20c36f-b37a-44cc-b9dc-3aab54d7a548',
      eventType: 'restoredTransactions',
      userId: DOC_USER_ID,
      payload: docAccountsPayload,
    },
    note: WRAPPED,
  },
  {
    type: 'newRegularTransactions',
    source: `${DOCS}/regular-transaction-webhooks`,
    body: {
      id: '24fcfb5e-474b-4316-b403-1427b076c93d',
      eventType: 'newRegularTransactions',
      userId: DOC_USER_ID,
      payload: regularTransactionsPayload,
    },
    note: `${WRAPPED} The page has one example for both newRegularTransactions and updatedRegularTransactions.`,
  },
  {
    type: 'updatedRegularTransactions',
    source: `${DOCS}/regular-transaction-webhooks`,
    body: {
      id: '56beae5f-4f58-4306-ba61-1c6ac83a6e6d',
      eventType: 'updatedRegularTransactions',
      userId: DOC_USER_ID,
      payload: regularTransactionsPayload,
    },
    note: `${WRAPPED} Same example as newRegularTransactions: the page shows one for both ids.`,
  },
  {
    type: 'balanceThreshold',
    source: `${DOCS}/balance-threshold`,
    body: {
      id: '9df0c1d8-08c8-4e58-9264-2c2936456e42',
      eventType: 'balanceThreshold',
      userId: DOC_USER_ID,
      payload: {
        accountUid: '6d0baf11-248e-4c11-9c04-97b7758b4e04',
        accountName: 'Test Account',
        balanceAtTimeGeneration: { date: '2020-01-10', amount: 50, currency: 'GBP' },
        matchedThresholds: [{ type: 'lt', value: 100 }],
      },
    },
    note: `${WRAPPED} The page's example is JavaScript, not JSON: keys date/amount/currency/type/value unquoted and trailing commas after the threshold and the array; quoted the keys and dropped the commas. amount is in major units, value in minor units.`,
  },
  {
    type: 'paymentCompleted',
    source: `${DOCS}/payment-completed`,
    body: {
      id: 'c12d01d0-e0ff-4ef1-aca0-2ee50dd40108',
      eventType: 'paymentCompleted',
      userId: DOC_USER_ID,
      payload: {
        paymentId: '68ef34e0-b8a7-4aa2-ad0a-b3cef33f8e36',
        paymentSubmissionId: 'pv3-966167ee-a63e-464b-90ed-d779fa90c246',
        submittedAt: '2020-09-21T15:41:20.500Z',
        status: 'completed',
      },
    },
    note: `${WRAPPED} The table spells the id "paymentID"; the example uses "paymentId".`,
  },
  {
    type: 'paymentCompleted',
    source: `${DOCS}/webhook-format`,
    body: {
      id: 'c9d133e0-e708-402d-a6b7-dc8ff9c29a1c',
      eventType: 'paymentCompleted',
      userId: '5f75a9f947f9bd74d921a6c9',
      payload: {
        paymentId: 'dc9446ee-afc1-4b47-bab5-2b01c7da09e3',
        status: 'completed',
        paymentSubmissionId: '2be8cbe5-e138-43c5-bc58-760cefa89248',
        submittedAt: '2020-10-01T10:05:45.374Z',
      },
    },
    note: 'The sample JWT (moneyhubDocJwt) normalised as the provider does: id = jti, eventType from the URN urn:com:moneyhub:events:payment-completed, userId = sub, payload = the event value.',
  },
  {
    type: 'paymentPending',
    source: `${DOCS}/payment-pending`,
    body: {
      id: '439a7c80-96f1-494d-828d-e1d21a42fc22',
      eventType: 'paymentPending',
      userId: DOC_USER_ID,
      payload: {
        paymentId: '68ef34e0-b8a7-4aa2-ad0a-b3cef33f8e36',
        paymentSubmissionId: 'pv3-966167ee-a63e-464b-90ed-d779fa90c246',
        submittedAt: '2020-09-21T15:41:20.500Z',
        reference: '0019f234124a5f70',
        endToEndId: '1b63a27a',
        status: 'pending',
      },
    },
    note: `${WRAPPED} The table spells the id "paymentID"; the example uses "paymentId".`,
  },
  {
    type: 'paymentError',
    source: `${DOCS}/payment-error`,
    body: {
      id: '17ed3126-b968-44b2-a525-353febc6cb47',
      eventType: 'paymentError',
      userId: DOC_USER_ID,
      payload: {
        paymentId: '68ef34e0-b8a7-4aa2-ad0a-b3cef33f8e36',
        paymentSubmissionId: 'pv3-966167ee-a63e-464b-90ed-d779fa90c246',
        submittedAt: '2020-09-21T15:41:20.500Z',
        status: 'rejected',
      },
    },
    note: `${WRAPPED} The table spells the id "paymentID"; the example uses "paymentId".`,
  },
  {
    type: 'reauthReminder',
    source: `${DOCS}/reauth-reminder`,
    body: {
      id: '34fcfba8-6bf7-4c05-a38f-0dc1bfc1d747',
      eventType: 'reauthReminder',
      userId: DOC_USER_ID,
      payload: {
        connectionId: '1ffe704d39629a929c8e293880fb449a:7d235ab0-e951-487f-acde-73cae1a18be0',
        bankName: 'Test Bank',
        timeUntilReauthorizationInDays: 5,
        tppConsent: false,
      },
    },
    note: `${WRAPPED} The table names the field "timeUntilReauthorization"; the example uses "timeUntilReauthorizationInDays".`,
  },
  {
    type: 'refreshReminder',
    source: `${DOCS}/refresh-reminder`,
    body: {
      id: 'bed24e4d-6df6-47bd-8c50-971f4b4ca8ef',
      eventType: 'refreshReminder',
      userId: DOC_USER_ID,
      payload: {
        connectionId: '1ffe704d39629a929c8e293880fb449a:7d235ab0-e951-487f-acde-73cae1a18be0',
        bankName: 'Test Bank',
        periodSinceLastUpdateInDays: 27,
      },
    },
    note: WRAPPED,
  },
  {
    type: 'deletedAccount',
    source: `${DOCS}/deleted-account`,
    body: {
      id: 'd9d6ca29-b558-45d1-8866-bad81adebbb1',
      eventType: 'deletedAccount',
      userId: DOC_USER_ID,
      payload: { accountId: '6d0baf11-248e-4c11-9c04-97b7758b4e04' },
    },
    note: WRAPPED,
  },
  {
    type: 'addFirstConnection',
    source: `${DOCS}/add-first-connection`,
    body: {
      id: '6b91916e-906f-4d24-865f-bb4bfc84c58c',
      eventType: 'addFirstConnection',
      userId: DOC_USER_ID,
      payload: { userActivatedAt: '2025-04-30T10:22:25Z' },
    },
    note: `${WRAPPED} The page's example has a stray extra "}" after the object (removed).`,
  },
];

function firstDocSample(type: MoneyhubEventType): Readonly<Record<string, unknown>> {
  const sample = moneyhubDocSamples.find((s) => s.type === type);
  if (!sample) throw new Error(`No Moneyhub doc sample for "${type}".`);
  return sample.body;
}

/** Constructed (no payload is documented for these third-party names): the envelope with an empty payload. Fake data. */
function constructed(type: MoneyhubEventType, id: string): Readonly<Record<string, unknown>> {
  return { id, eventType: type, userId: DOC_USER_ID, payload: {} };
}

/** One body per catalogue type: the first documentation sample (same object), else constructed. */
export const moneyhubSamples: { readonly [T in MoneyhubEventType]: Readonly<Record<string, unknown>> } = {
  newTransactions: firstDocSample('newTransactions'),
  updatedTransactions: firstDocSample('updatedTransactions'),
  deletedTransactions: firstDocSample('deletedTransactions'),
  restoredTransactions: firstDocSample('restoredTransactions'),
  newRegularTransactions: firstDocSample('newRegularTransactions'),
  updatedRegularTransactions: firstDocSample('updatedRegularTransactions'),
  balanceThreshold: firstDocSample('balanceThreshold'),
  paymentCompleted: firstDocSample('paymentCompleted'),
  paymentPending: firstDocSample('paymentPending'),
  paymentError: firstDocSample('paymentError'),
  reauthReminder: firstDocSample('reauthReminder'),
  refreshReminder: firstDocSample('refreshReminder'),
  deletedAccount: firstDocSample('deletedAccount'),
  addFirstConnection: firstDocSample('addFirstConnection'),
  // Constructed: third-party names only, payload unknown.
  syncCompleted: constructed('syncCompleted', 'c07c3944-4d16-48ad-85cc-8c36e961c0a8'),
  postConnectionEnrichmentComplete: constructed(
    'postConnectionEnrichmentComplete',
    '8d2f345d-c4a5-4d1b-9334-69f59d2992e1',
  ),
  postConnectionEnrichmentCompleted: constructed(
    'postConnectionEnrichmentCompleted',
    '38e72f34-f169-4d88-b611-b2d755063e07',
  ),
  affordabilityReportSuccess: constructed('affordabilityReportSuccess', '1ad6b6b2-fc26-4913-afbd-0e3654cdaaf5'),
  affordabilityReportFailure: constructed('affordabilityReportFailure', 'b3747466-0b66-40d8-ac19-6a29c858c128'),
};

/**
 * The sample token printed on https://docs.moneyhubenterprise.com/docs/webhook-format, with its
 * header and claims decoded from the token itself (base64url). Signed by a Moneyhub sandbox key we do
 * not have, so it can be decoded but not verified.
 */
export const moneyhubDocJwt = {
  source: `${DOCS}/webhook-format`,
  token:
    'eyJraWQiOiJEOUpBTm1ZZlNHX2tidDJLUnBUS283UUNOSDJfUkstMGE3ODd5am0wN3p3IiwiYWxnIjoiUlMyNTYifQ.' +
    'eyJpc3MiOiJodHRwczovL2lkZW50aXR5LWRldi5tb25leWh1Yi5jby51ayIsImF1ZCI6ImQ5ZGM5ZDVlLWQxOTAtNDM4Yy1iNjU4LWE0YmUzNzc5MTAwZCIsImp0aSI6ImM5ZDEzM2UwLWU3MDgtNDAyZC1hNmI3LWRjOGZmOWMyOWExYyIsInN1YiI6IjVmNzVhOWY5NDdmOWJkNzRkOTIxYTZjOSIsImV2ZW50cyI6eyJ1cm46Y29tOm1vbmV5aHViOmV2ZW50czpwYXltZW50LWNvbXBsZXRlZCI6eyJwYXltZW50SWQiOiJkYzk0NDZlZS1hZmMxLTRiNDctYmFiNS0yYjAxYzdkYTA5ZTMiLCJzdGF0dXMiOiJjb21wbGV0ZWQiLCJwYXltZW50U3VibWlzc2lvbklkIjoiMmJlOGNiZTUtZTEzOC00M2M1LWJjNTgtNzYwY2VmYTg5MjQ4Iiwic3VibWl0dGVkQXQiOiIyMDIwLTEwLTAxVDEwOjA1OjQ1LjM3NFoifX0sImlhdCI6MTYwMTU0Njc4MX0.' +
    'Fld7AM3ywFUXaZYA8uFoGyiWalRhvM8V24a_n0pahYs8o2YGVk-5DCBVNwGGJZT0LMchXiVAo5QeRvauqCv6BsApyycQiGTpAbX0l9V97FANGotB9KRuwstXqZ9tNo9a70-oNJGu8CDsBO2i-mmdNGsCW5QQNGH3z_TtwBq8fX5zYhulc7HMvZr93kfO-zMZUHdeUmUBnqeig0IdCIM-67H1WzAYZ_s86ZMuZLEj5m_VyNas5rbEox4B8GW6aDzQO0YsBbp5jXzfkR0NVNUSip5Q1kTDtK24YbUz9Pt_pmsGof6a_3pSOw_oEAWnHH-C3a4zKQvUBklb9YeGVPv4OQ',
  header: { kid: 'D9JANmYfSG_kbt2KRpTKo7QCNH2_RK-0a787yjm07zw', alg: 'RS256' },
  claims: {
    iss: 'https://identity-dev.moneyhub.co.uk',
    aud: 'd9dc9d5e-d190-438c-b658-a4be3779100d',
    jti: 'c9d133e0-e708-402d-a6b7-dc8ff9c29a1c',
    sub: '5f75a9f947f9bd74d921a6c9',
    events: {
      'urn:com:moneyhub:events:payment-completed': {
        paymentId: 'dc9446ee-afc1-4b47-bab5-2b01c7da09e3',
        status: 'completed',
        paymentSubmissionId: '2be8cbe5-e138-43c5-bc58-760cefa89248',
        submittedAt: '2020-10-01T10:05:45.374Z',
      },
    },
    iat: 1601546781,
  },
  note:
    'Header and claims decoded from the token (not reconstructed). The page prints decoded claims with iss "https://identity.moneyhub.co.uk", ' +
    'but the token itself says "https://identity-dev.moneyhub.co.uk" (sandbox); the token is kept as the truth. No exp, nbf or typ.',
} as const;
