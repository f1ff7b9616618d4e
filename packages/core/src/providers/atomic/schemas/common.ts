/**
 * Shared pieces: company (`Co`), connector (`Cn`), deposit account (`DA`), linked account, and the
 * common `data` fields of payroll-data events.
 * Sources: seed 001 (https://docs.atomicfi.com/paylink/reference/webhooks); deposit account
 * required/optional split from https://docs.atomicfi.com/employerlink/reference/employment-data.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicEvent } from './envelope.js';
import { atomicAccountType, atomicDistributionType } from './enums.js';

/** `branding.logo`: connectors' logos carry an `_id`, companies' only sometimes. */
export const atomicLogo = lazy(() =>
  z.looseObject({
    _id: z.string().optional(),
    url: z.string(),
  }),
);

/** Company/connector branding, returned "where this data is available". */
export const atomicBranding = lazy(() =>
  z.looseObject({
    logo: atomicLogo().optional(),
  }),
);

/** `company` (`Co`): the employer or payroll provider the task ran against. */
export const atomicCompany = lazy(() =>
  z.looseObject({
    _id: z.string(),
    name: z.string(),
    branding: atomicBranding().optional(),
  }),
);

/** `connector` (`Cn`): the payroll system the data comes from. */
export const atomicConnector = lazy(() =>
  z.looseObject({
    _id: z.string(),
    name: z.string(),
    branding: atomicBranding().optional(),
  }),
);

/**
 * Deposit Account (`DA`): a direct-deposit allocation in the payroll system. The Employment Data
 * reference marks routingNumber/accountNumber/type required and the rest optional;
 * `distributionAmount` "is not set when distributionType is total".
 */
export const atomicDepositAccount = lazy(() =>
  z.looseObject({
    routingNumber: z.string(),
    accountNumber: z.string(),
    type: atomicAccountType(),
    bankName: z.string().optional(),
    distributionType: atomicDistributionType().optional(),
    distributionAmount: z.number().optional(),
  }),
);

/** The Linked Account object of `linked-account-*` events (elsewhere `linkedAccount` is its id). */
export const atomicLinkedAccount = lazy(() =>
  z.looseObject({
    _id: z.string(),
    connector: atomicConnector(),
    company: atomicCompany(),
  }),
);

/**
 * `data` fields shared by the payroll-data events (deposit, employment, identity, income,
 * statements, timesheets, taxes): company and connector, the optional `linkedAccount` id, and
 * `task`/`taskWorkflow`, which the text lists under `data` but every sample puts at the top level;
 * both places are accepted, optional in both.
 */
export const payrollDataShape = lazy(() => ({
  company: atomicCompany(),
  connector: atomicConnector(),
  linkedAccount: z.string().optional(),
  task: z.string().optional(),
  taskWorkflow: z.string().optional(),
}));

/** Top-level fields of payroll-data events: `task`/`taskWorkflow` where the samples put them. */
export const payrollDataTopLevel = lazy(() => ({
  task: z.string().optional(),
  taskWorkflow: z.string().optional(),
}));

/**
 * `changes` of the `employment-`/`identity-`/`income-updated` events:
 * `{ <field>: { previous, current } }`; `previous` "could be null" when the data is new.
 */
export const atomicFieldChange = lazy(() =>
  z.looseObject({
    previous: z.unknown(),
    current: z.unknown(),
  }),
);
export const atomicFieldChanges = lazy(() => z.record(z.string(), atomicFieldChange()));

/**
 * A payroll-data event: the envelope, `data` = the shared fields plus `shape` (whose keys win:
 * the cast tells TypeScript what the spread does, instead of intersecting both field types).
 */
export function payrollDataEvent<const T extends string, const S extends z.ZodRawShape>(type: T, shape: S) {
  const data = { ...payrollDataShape(), ...shape } as Omit<ReturnType<typeof payrollDataShape>, keyof S> & S;
  return atomicEvent(type, z.looseObject(data), payrollDataTopLevel());
}
