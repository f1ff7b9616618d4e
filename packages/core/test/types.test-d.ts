import { describe, expectTypeOf, test } from 'vitest';
import {
  atelio,
  atomic,
  createWebhooks,
  type EventFor,
  type EventType,
  type KnownWebhookEvent,
  type MatchingTypes,
  moneyhub,
  type UnknownWebhookEvent,
  type WebhookEvent,
} from '../src/index.js';

/** Inference of event types and payloads through exact names and wildcards, for the three providers. */
const atelioProvider = atelio({ secret: 'whsec_x' });
const atomicProvider = atomic({ secret: 'x' });
const moneyhubProvider = moneyhub({ jwks: { keys: [] }, allowAnyAudience: true });
type Atelio = typeof atelioProvider;
type Atomic = typeof atomicProvider;
type Moneyhub = typeof moneyhubProvider;

describe('wildcard matching at the type level', () => {
  test('card.* and card* match the card catalogue types, and nothing else', () => {
    type Card =
      | 'card.created'
      | 'card.status.active'
      | 'card.status.closed'
      | 'card.status.inactive'
      | 'card.status.reissue'
      | 'card.status.fraud'
      | 'card.status.lost'
      | 'card.status.stolen'
      | 'card.status.no_withdrawals'
      | 'card.wallet.add'
      | 'card.wallet.add_failure';
    expectTypeOf<MatchingTypes<EventType<Atelio>, 'card.*'>>().toEqualTypeOf<Card>();
    expectTypeOf<MatchingTypes<EventType<Atelio>, 'card*'>>().toEqualTypeOf<Card>();
  });

  test('a star in the middle, a suffix star and a prefix star', () => {
    expectTypeOf<MatchingTypes<EventType<Atelio>, 'kyc.*.success'>>().toEqualTypeOf<'kyc.verification.success'>();
    expectTypeOf<MatchingTypes<EventType<Atomic>, 'deposit-accounts-*'>>().toEqualTypeOf<
      'deposit-accounts-synced' | 'deposit-accounts-added' | 'deposit-accounts-updated' | 'deposit-accounts-removed'
    >();
    expectTypeOf<MatchingTypes<EventType<Atomic>, '*-synced'>>().toEqualTypeOf<
      | 'deposit-accounts-synced'
      | 'employment-synced'
      | 'identity-synced'
      | 'income-synced'
      | 'statements-synced'
      | 'timesheets-synced'
      | 'taxes-synced'
    >();
    expectTypeOf<MatchingTypes<EventType<Moneyhub>, 'payment*'>>().toEqualTypeOf<'paymentCompleted' | 'paymentPending' | 'paymentError'>();
    expectTypeOf<MatchingTypes<EventType<Atelio>, '*'>>().toEqualTypeOf<EventType<Atelio>>();
    expectTypeOf<MatchingTypes<EventType<Atelio>, 'nothing.*'>>().toBeNever();
  });
});

describe('handlers registered with onEvent', () => {
  const hooks = createWebhooks({ provider: atelioProvider });

  test('an exact type gives that event, typed, and no unknown variant', () => {
    hooks.onEvent('transactions', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'transactions'>();
      expectTypeOf(event.known).toEqualTypeOf<true>();
      expectTypeOf(event.provider).toEqualTypeOf<'atelio'>();
      expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      expectTypeOf(event.payload.event).toEqualTypeOf<'transactions'>();
    });
  });

  test('a wildcard gives the union of its catalogue events, plus unknown types (narrowed by `known`)', () => {
    hooks.onEvent('kyc.verification.*', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<string>();
      if (!event.known) {
        expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>();
        expectTypeOf(event.payload).toBeUnknown();
        return;
      }
      expectTypeOf(event.type).toEqualTypeOf<
        | 'kyc.verification.success'
        | 'kyc.verification.failure'
        | 'kyc.verification.error'
        | 'kyc.verification.timeout'
        | 'kyc.verification.under_review'
        | 'kyc.verification.document_required'
        | 'kyc.verification.documents_required'
        | 'kyc.verification.reenter_information'
      >();
      expectTypeOf(event.payload.event).toEqualTypeOf(event.type);
      if (event.type === 'kyc.verification.document_required') {
        expectTypeOf(event.payload.documents).not.toBeAny();
      }
    });
  });

  test('narrowing a wildcard event by type narrows its payload', () => {
    hooks.onEvent('card.*', (event) => {
      if (event.known && event.type === 'card.created') {
        expectTypeOf(event.payload.card.last_four).toEqualTypeOf<string>();
      }
    });
  });

  test('a pattern that matches nothing known is registered through `unknown:` and gives an unknown payload', () => {
    hooks.onEvent('unknown:nothing.*', (event) => {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>();
      expectTypeOf(event.payload).toBeUnknown();
    });
    hooks.onEvent('unknown:card.status.frozen', (event) => {
      expectTypeOf(event.known).toEqualTypeOf<false>();
    });
  });

  test('several patterns at once give the union of their events', () => {
    hooks.onEvent(['transactions', 'card.created'], (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'transactions' | 'card.created'>();
    });
  });

  test('onAny and `*` give every event, known or not', () => {
    hooks.onAny((event) => {
      expectTypeOf(event).toMatchTypeOf<WebhookEvent>();
      if (event.known) expectTypeOf(event.type).toEqualTypeOf<EventType<Atelio>>();
    });
  });

  test('unsubscribe functions', () => {
    expectTypeOf(hooks.onEvent('transactions', () => undefined)).toEqualTypeOf<() => void>();
  });
});

describe('the `on` option types each handler by its key', () => {
  test('atomic', () => {
    createWebhooks({
      provider: atomicProvider,
      on: {
        'task-status-updated': (event) => {
          expectTypeOf(event.payload.data.status).toEqualTypeOf<'processing' | 'failed' | 'completed' | (string & {})>();
          expectTypeOf(event.payload.eventType).toEqualTypeOf<'task-status-updated'>();
        },
        'identity-*': (event) => {
          if (event.known) {
            expectTypeOf(event.type).toEqualTypeOf<'identity-synced' | 'identity-updated'>();
            expectTypeOf(event.payload.data.identity?.ssn).toEqualTypeOf<string | undefined>();
          }
        },
      },
    });
  });

  test('moneyhub', () => {
    createWebhooks({
      provider: moneyhubProvider,
      on: {
        newTransactions: (event) => {
          expectTypeOf(event.payload.payload.accounts).items.toHaveProperty('transactions').toEqualTypeOf<string[]>();
        },
        '*Transactions': (event) => {
          if (event.known) {
            expectTypeOf(event.type).toEqualTypeOf<
              'newTransactions' | 'updatedTransactions' | 'deletedTransactions' | 'restoredTransactions' | 'newRegularTransactions' | 'updatedRegularTransactions'
            >();
          }
        },
      },
    });
  });
});

test('EventFor is the type handlers receive', () => {
  expectTypeOf<EventFor<Atelio, 'card.created'>>().toEqualTypeOf<
    KnownWebhookEvent<'card.created', import('zod').output<Atelio['catalog']['card.created']>, 'atelio'>
  >();
});
