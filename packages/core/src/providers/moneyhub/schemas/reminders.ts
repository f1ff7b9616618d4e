/**
 * Connection reminders and user nudges.
 *
 * Sources:
 * - https://docs.moneyhubenterprise.com/docs/reauth-reminder
 * - https://docs.moneyhubenterprise.com/docs/refresh-reminder
 * - https://docs.moneyhubenterprise.com/docs/add-first-connection
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { moneyhubEvent } from './envelope.js';

/** An Open Banking consent expires in ≤ 5 days; repeated every 2 days until re-consent. */
export const reauthReminderPayload = lazy(() =>
  z.looseObject({
    connectionId: z.string(),
    bankName: z.string(),
    /** Days until the connection stops working. The name every example uses. */
    timeUntilReauthorizationInDays: z.number(),
    /** The pages' table calls the field this; no example does. Accepted in case the table is right. */
    timeUntilReauthorization: z.number().optional(),
    /** True when re-consent is possible, otherwise the user must re-authenticate. Absent from the older page revision. */
    tppConsent: z.boolean().optional(),
  }),
);

export const reauthReminderEvent = lazy(() => moneyhubEvent('reauthReminder', reauthReminderPayload()));

/** A legacy connection has not synced for 2 days; repeated every 2 days until it syncs. */
export const refreshReminderPayload = lazy(() =>
  z.looseObject({
    connectionId: z.string(),
    bankName: z.string(),
    periodSinceLastUpdateInDays: z.number(),
  }),
);

export const refreshReminderEvent = lazy(() => moneyhubEvent('refreshReminder', refreshReminderPayload()));

/** A user active for a day or more still has no connection (tenant feature `nudge:addFirstConnectionNotification`; not sent for API users). */
export const addFirstConnectionPayload = lazy(() =>
  z.looseObject({
    /** ISO 8601 activation time of the user. */
    userActivatedAt: z.string(),
  }),
);

export const addFirstConnectionEvent = lazy(() => moneyhubEvent('addFirstConnection', addFirstConnectionPayload()));
