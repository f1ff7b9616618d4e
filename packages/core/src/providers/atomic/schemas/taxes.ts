/**
 * Tax documents (W-2, 1099) and the `taxes-synced` / `taxes-added` events; also the `w2s` of verify
 * task outputs. Source: seed 001 "Taxes" and the verify sample
 * (https://docs.atomicfi.com/paylink/reference/webhooks).
 *
 * `parsedData` is documented only by example and mirrors the W-2 boxes, which are often blank on a
 * real form, so every parsed field is optional.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { payrollDataEvent } from './common.js';
import { atomicTaxType } from './enums.js';

const optionalString = lazy(() => z.string().optional());
const optionalNumber = lazy(() => z.number().optional());

export const atomicTaxAddress = lazy(() =>
  z.looseObject({
    line1: optionalString(),
    line2: optionalString(),
    city: optionalString(),
    state: optionalString(),
    postalCode: optionalString(),
  }),
);

/** Parsed W-2 fields. */
export const atomicW2ParsedData = lazy(() =>
  z.looseObject({
    taxYear: optionalNumber(),
    employeeTin: optionalString(),
    employerTin: optionalString(),
    employerNameAddress: atomicTaxAddress().extend({ name1: optionalString(), name2: optionalString() }).optional(),
    controlNumber: optionalString(),
    employeeName: z
      .looseObject({ first: optionalString(), middle: optionalString(), last: optionalString() })
      .optional(),
    employeeAddress: atomicTaxAddress().optional(),
    wages: optionalNumber(),
    federalTaxWithheld: optionalNumber(),
    socialSecurityWages: optionalNumber(),
    socialSecurityTaxWithheld: optionalNumber(),
    medicareWages: optionalNumber(),
    medicareTaxWithheld: optionalNumber(),
    socialSecurityTips: optionalNumber(),
    allocatedTips: optionalNumber(),
    dependentCareBenefit: optionalNumber(),
    nonQualifiedPlan: optionalNumber(),
    /** Box 12. */
    codes: z.array(z.looseObject({ code: z.string(), amount: z.number() })).optional(),
    statutory: z.boolean().optional(),
    retirementPlan: z.boolean().optional(),
    thirdPartySickPay: z.boolean().optional(),
    /** Box 14. The verify sample labels one entry with `code` instead of `description`: both accepted. */
    other: z
      .array(z.looseObject({ description: optionalString(), code: optionalString(), amount: z.number() }))
      .optional(),
    stateTaxWithholding: z
      .array(
        z.looseObject({
          stateTaxWithheld: optionalNumber(),
          state: optionalString(),
          stateTaxId: optionalString(),
          stateIncome: optionalNumber(),
        }),
      )
      .optional(),
    localTaxWithholding: z
      .array(
        z.looseObject({
          localTaxWithheld: optionalNumber(),
          localityName: optionalString(),
          state: optionalString(),
          localIncome: optionalNumber(),
        }),
      )
      .optional(),
  }),
);

/** The tax form file: `url` is a presigned download link. */
export const atomicTaxForm = lazy(() =>
  z.looseObject({
    _id: z.string(),
    url: z.string(),
  }),
);

/** Fields of a tax document, without `type` (verify `outputs.w2s` omit it). */
const taxDocumentShape = lazy(() => ({
  /** ISO date of the tax year's first day, e.g. "2020-01-01T00:00:00.000Z". */
  year: z.string(),
  /** Absent from the 1099 sample. */
  totalWages: optionalNumber(),
  form: atomicTaxForm(),
  parsedData: atomicW2ParsedData().optional(),
}));

/** An entry of verify task `outputs.w2s`: a W-2 without the `type` discriminator. */
export const atomicW2 = lazy(() => z.looseObject(taxDocumentShape()));

/** An entry of `data.taxes`. */
export const atomicTax = lazy(() => z.looseObject({ type: atomicTaxType(), ...taxDocumentShape() }));

export const taxesSynced = lazy(() => payrollDataEvent('taxes-synced', { taxes: z.array(atomicTax()) }));
export const taxesAdded = lazy(() => payrollDataEvent('taxes-added', { taxes: z.array(atomicTax()) }));
