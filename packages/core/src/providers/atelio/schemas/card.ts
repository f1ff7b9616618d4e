/**
 * `card.*` events: creation, status changes, mobile wallets.
 * Sources: https://docs.atelio.com/embedded/docs/webhook-payloads (mirror: guyklages/docusaurus
 * `docs/atelio/webhooks/webhook-payloads.md`); `webhooks/webhook-events.md` (the subscription response
 * lists `card.status.{fraud,lost,stolen,no_withdrawals}` too); `getting-started/sandbox-vs-production.md`
 * (`card.wallet.*` are production only).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { openEnum } from '../../../schema-helpers.js';
import { eventFamily, eventSchema, timestamp, undocumentedFamily } from './common.js';

/**
 * Card status as webhooks spell it (capitalised; the cards API uses lowercase). Lost and Stolen
 * come from the event descriptions ("Card status is now Lost"); no value is documented for
 * `card.status.no_withdrawals`, hence open.
 */
export const ATELIO_CARD_STATUSES = ['Active', 'Closed', 'Inactive', 'Reissue', 'Fraud', 'Lost', 'Stolen'] as const;
const cardStatus = lazy(() => openEnum(ATELIO_CARD_STATUSES));

/** Card has been created. */
export const cardCreated = lazy(() =>
  eventSchema('card.created', {
    occurred_at: timestamp(),
    card: z.looseObject({
      status: cardStatus(),
      card_account_id: z.string(),
      last_four: z.string(),
      card_id: z.string(),
      customer_id: z.string(),
    }),
  }),
);

/** Card status changed; samples exist for active, closed, fraud, inactive and reissue. */
export const cardStatusChanges = eventFamily(
  [
    'card.status.active',
    'card.status.closed',
    'card.status.inactive',
    'card.status.reissue',
    'card.status.fraud',
    'card.status.lost',
    'card.status.stolen',
    'card.status.no_withdrawals',
  ],
  () => ({
    occurred_at: timestamp(),
    card: z.looseObject({
      card_id: z.string(),
      status: cardStatus(),
      last_four: z.string(),
    }),
  }),
);

/** Card added (or not) to a mobile wallet: payload undocumented. */
export const cardWallet = undocumentedFamily(['card.wallet.add', 'card.wallet.add_failure']);
