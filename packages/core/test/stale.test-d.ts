import { describe, expectTypeOf, test } from 'vitest';
import {
  atelio,
  createWebhooks,
  type DeliveryRecord,
  type IdempotencyStore,
  type MarkResult,
  type OccurrenceTime,
  type StaleEventsMode,
  type StaleEventsOption,
  type WebhookEvent,
  type WebhooksOptions,
} from '../src/index.js';
import type { AtelioProvider } from '../src/providers/atelio/index.js';

/** The stale-event guard at the type level: the option, the event's flag, the store method. */
describe('staleEvents', () => {
  const provider = atelio({ secret: 'whsec_x' });

  test("the option is a mode or { mode, entityKey?, occurredAt? } over the provider's events", () => {
    expectTypeOf<StaleEventsMode>().toEqualTypeOf<'mark' | 'skip'>();
    expectTypeOf<WebhooksOptions<AtelioProvider>['staleEvents']>().toEqualTypeOf<
      StaleEventsOption<import('../src/index.js').AnyEventOf<AtelioProvider>> | undefined
    >();
    createWebhooks({ provider, staleEvents: 'mark' });
    createWebhooks({ provider, staleEvents: { mode: 'skip' } });
    createWebhooks({
      provider,
      staleEvents: {
        mode: 'mark',
        entityKey: (event) => {
          if (event.known && event.type === 'card.created') {
            expectTypeOf(event.payload.card.card_id).toEqualTypeOf<string>();
            return event.payload.card.card_id;
          }
          return undefined;
        },
        occurredAt: (event) => {
          expectTypeOf(event.occurredAt).toEqualTypeOf<string | undefined>();
          return event.occurredAt;
        },
      },
    });
    // @ts-expect-error not a mode
    createWebhooks({ provider, staleEvents: 'drop' });
    // @ts-expect-error an entity key is a string
    createWebhooks({ provider, staleEvents: { mode: 'mark', entityKey: () => 42 } });
    // @ts-expect-error a time is ms, a Date or an ISO string
    createWebhooks({ provider, staleEvents: { mode: 'mark', occurredAt: () => ({}) } });
    expectTypeOf<OccurrenceTime>().toEqualTypeOf<number | Date | string>();
  });

  test('every event may carry `stale` (set when the guard is on)', () => {
    expectTypeOf<WebhookEvent['stale']>().toEqualTypeOf<boolean | undefined>();
    createWebhooks({
      provider,
      on: { 'card.*': (event) => expectTypeOf(event.stale).toEqualTypeOf<boolean | undefined>() },
    });
    expectTypeOf<DeliveryRecord['stale']>().toEqualTypeOf<true | undefined>();
  });

  test('markLatest is an optional store method answering latest or stale', () => {
    expectTypeOf<MarkResult>().toEqualTypeOf<'latest' | 'stale'>();
    expectTypeOf<IdempotencyStore['markLatest']>().toEqualTypeOf<
      ((entityKey: string, occurredAtMs: number) => Promise<MarkResult>) | undefined
    >();
  });
});
