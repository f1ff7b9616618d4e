import type { AnyEventOf, AtelioProvider, EventFor, EventType, WebhookEvent } from '@finhooks/core';
import { defineProvider } from '@finhooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { FinhooksRegistry, OnWebhookEvent, type WebhookEventOf } from '../src/index.js';

const acme = defineProvider({
  name: 'acme',
  catalog: { 'order.paid': z.object({ amount: z.string() }), 'order.shipped': z.object({ carrier: z.string() }) },
  verify: () => undefined,
  identify: () => ({ type: 'order.paid', id: '1' }),
});

// A custom provider and a second Atelio account, added by declaration merging.
declare module '../src/index.js' {
  interface FinhooksProviders {
    acme: typeof acme;
    'atelio-eu': AtelioProvider;
  }
}

describe('@OnWebhookEvent types the decorated method by instance and pattern', () => {
  it('the event of a wildcard is the union of the matching catalogue types', () => {
    expectTypeOf<WebhookEventOf<'atelio', 'card.*'>>().toEqualTypeOf<EventFor<AtelioProvider, 'card.*'>>();
    // The known events of a wildcard are the matching catalogue types (and an unknown event: types added later match too).
    type KnownCard = Extract<WebhookEventOf<'atelio', 'card.*'>, { known: true }>;
    expectTypeOf<KnownCard['type']>().toEqualTypeOf<Extract<EventType<AtelioProvider>, `card.${string}`>>();
    expectTypeOf<Extract<WebhookEventOf<'atelio', 'card.*'>, { known: false }>>().not.toBeNever();
    expectTypeOf<
      WebhookEventOf<'atelio', 'transactions'>['payload']['transaction']['amount']
    >().toEqualTypeOf<string>();
    expectTypeOf<WebhookEventOf<'atelio', '*'>>().toEqualTypeOf<EventFor<AtelioProvider, '*'>>();
  });

  it('accepts methods whose parameter is the pattern’s event, or wider; refuses narrower or other events', () => {
    class Handlers {
      @OnWebhookEvent('atelio', 'card.*')
      onCard(event: WebhookEventOf<'atelio', 'card.*'>) {
        if (event.known) expectTypeOf(event.type).toEqualTypeOf<Extract<EventType<AtelioProvider>, `card.${string}`>>();
      }

      @OnWebhookEvent('atelio', ['card.created', 'transactions'])
      async onEither(event: WebhookEventOf<'atelio', 'card.created' | 'transactions'>): Promise<void> {
        if (event.type === 'transactions') expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      }

      @OnWebhookEvent('atelio', 'card.created')
      onAnything(event: WebhookEvent) {
        return event.id;
      }

      @OnWebhookEvent('atelio', 'unknown:card.status.frozen')
      onUnknown(event: AnyEventOf<AtelioProvider>) {
        return event.known;
      }

      @OnWebhookEvent('atelio-eu', 'transactions')
      onEu(event: WebhookEventOf<'atelio-eu', 'transactions'>) {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      }

      @OnWebhookEvent('acme', 'order.*')
      onOrder(event: WebhookEventOf<'acme', 'order.*'>) {
        if (event.known) expectTypeOf(event.type).toEqualTypeOf<'order.paid' | 'order.shipped'>();
      }

      // @ts-expect-error: a card.* handler may receive any card event, not only card.created
      @OnWebhookEvent('atelio', 'card.*')
      onNarrower(event: WebhookEventOf<'atelio', 'card.created'>) {
        return event;
      }

      // @ts-expect-error: transactions events do not match card.*
      @OnWebhookEvent('atelio', 'card.*')
      onOther(event: WebhookEventOf<'atelio', 'transactions'>) {
        return event;
      }

      // @ts-expect-error: another provider's event
      @OnWebhookEvent('acme', 'order.paid')
      onWrongProvider(event: WebhookEventOf<'atelio', 'card.created'>) {
        return event;
      }

      // @ts-expect-error: 'card.creatd' matches no Atelio event type
      @OnWebhookEvent('atelio', 'card.creatd')
      onTypo() {}

      // @ts-expect-error: 'stripe' is not a FinhooksProviders name
      @OnWebhookEvent('stripe', '*')
      onUnregistered() {}
    }
    expectTypeOf(Handlers).toBeConstructibleWith();
  });

  it('FinhooksRegistry.get types a known name’s instance', () => {
    expectTypeOf<ReturnType<FinhooksRegistry['get']>>().not.toBeAny();
    const registry = {} as FinhooksRegistry;
    expectTypeOf(registry.get('atelio').provider).toEqualTypeOf<AtelioProvider>();
    expectTypeOf(registry.get('acme').provider).toEqualTypeOf<typeof acme>();
  });
});
