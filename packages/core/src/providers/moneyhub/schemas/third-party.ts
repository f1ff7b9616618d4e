/**
 * Event types named only by third parties; Moneyhub's own pages document no payload for them, so the
 * payload is any object. Both spellings of the enrichment event are listed because the two sources
 * disagree (`…Complete` vs `…Completed`).
 *
 * Sources (THIRD-PARTY, names only):
 * - github.com/api-evangelist/moneyhub `asyncapi/moneyhub-webhooks.yml` (`syncCompleted`, `postConnectionEnrichmentComplete`)
 * - hex package `money_hub` 1.0.0, `MoneyHub.Webhooks.Event` (`syncCompleted`, `postConnectionEnrichmentCompleted`,
 *   `affordabilityReportSuccess`, `affordabilityReportFailure`)
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { moneyhubEvents } from './envelope.js';

/** Payload unknown: any object, kept whole. */
export const unknownPayload = lazy(() => z.looseObject({}));

export const thirdPartyEvents = moneyhubEvents(
  [
    'syncCompleted',
    'postConnectionEnrichmentComplete',
    'postConnectionEnrichmentCompleted',
    'affordabilityReportSuccess',
    'affordabilityReportFailure',
  ],
  unknownPayload,
);
