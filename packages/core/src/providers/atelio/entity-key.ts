/**
 * Atelio's entity rule for the stale-event guard (`createWebhooks({ staleEvents })`): which events
 * report the state of one thing, so that an older one arriving after a newer one is outdated. The
 * time compared is the event's `occurred_at ?? sent_time`. Families that announce something once
 * (statements, history, API keys, data exports) have no entity: the guard never calls them stale.
 */
import type { WebhookEvent } from '../../event.js';
import { scalarAt } from '../../identity.js';
import { entityKeyFrom } from '../../stale.js';

type Path = readonly string[];

/**
 * `prefix` matches the type exactly or, ending in `.`, every type under it; first match wins. The
 * key is the family name and the ids: a card's status and its wallet are separate entities.
 */
export const ATELIO_ENTITY_KEYS: readonly (readonly [prefix: string, family: string, paths: readonly Path[]])[] = [
  ['card.created', 'card', [['card', 'card_id']]],
  ['card.status.', 'card', [['card', 'card_id']]],
  ['card.wallet.', 'card.wallet', [['card', 'card_id']]],
  ['transactions', 'transaction', [['transaction', 'transaction_id']]],
  ['kyc.verification.', 'kyc.verification', [['customer_id'], ['beneficial_owner_id']]],
  ['kyb.verification.', 'kyb.verification', [['business_id']]],
  ['credit.application', 'credit.application', [['details', 'data', 'application_id']]],
  ['credit.application.', 'credit.application', [['details', 'data', 'application_id']]],
  ['commercial.credit_application.', 'commercial.credit_application', [['details', 'data', 'application_id']]],
  ['customer.', 'customer', [['details', 'customer_id']]],
  ['fraud_operations.', 'fraud_operations', [['details', 'operation_id']]],
  ['account.autopay.', 'account.autopay', [['customer_id'], ['statement_start_date'], ['statement_end_date']]],
];

/** The entity an Atelio event is about, or `undefined` (the guard does not apply). */
export function atelioEntityKey(event: WebhookEvent): string | undefined {
  const { type } = event;
  for (const [prefix, family, paths] of ATELIO_ENTITY_KEYS) {
    if (prefix.endsWith('.') ? type.startsWith(prefix) : type === prefix) {
      return entityKeyFrom(
        family,
        paths.map((path) => scalarAt(event.payload, path)),
      );
    }
  }
  return undefined;
}
