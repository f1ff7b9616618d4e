/**
 * Account events: balance thresholds and deleted accounts.
 *
 * Sources:
 * - https://docs.moneyhubenterprise.com/docs/balance-threshold
 * - https://docs.moneyhubenterprise.com/docs/deleted-account
 * - threshold types `lt`/`gt`: `NotificationThresholdType` in github.com/moneyhub/moneyhub-api-client
 *   `src/schema/notification-threshold.ts` (the page itself only shows `lt`)
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { moneyhubEvent } from './envelope.js';

/** Only GBP appears in the docs; other ISO 4217 codes pass. */
export const currency = lazy(() => openEnum(['GBP']));

export const balanceThresholdPayload = lazy(() =>
  z.looseObject({
    accountUid: z.string(),
    accountName: z.string(),
    /** The balance when the notification was generated, in MAJOR units (e.g. pounds). */
    balanceAtTimeGeneration: z.looseObject({
      date: z.string(),
      amount: z.number(),
      currency: currency(),
    }),
    /** The thresholds crossed, in MINOR units, as created on /accounts/{accountId}/notification-thresholds. Can be negative. */
    matchedThresholds: z.array(
      z.looseObject({
        type: openEnum(['lt', 'gt']),
        value: z.number(),
      }),
    ),
  }),
);

export const balanceThresholdEvent = lazy(() => moneyhubEvent('balanceThreshold', balanceThresholdPayload()));

/** The institution deleted the account or stopped sending it. */
export const deletedAccountPayload = lazy(() =>
  z.looseObject({
    accountId: z.string(),
  }),
);

export const deletedAccountEvent = lazy(() => moneyhubEvent('deletedAccount', deletedAccountPayload()));
