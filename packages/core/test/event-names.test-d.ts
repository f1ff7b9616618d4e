import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  type AnyEventOf,
  atelio,
  type CheckedPattern,
  createWebhooks,
  defineProvider,
  type EventFor,
  moneyhub,
  type UnknownWebhookEvent,
  type Webhooks,
} from '../src/index.js';

/**
 * A misspelled event name does not compile, in `on`, `onEvent` and lists; `unknown:` registers a
 * type the catalogue lacks, and its handler gets the unknown event. (The run-time `TypeError`s are
 * in event-names.test.ts.)
 */
const provider = atelio({ secret: 'whsec_x' });
type Atelio = typeof provider;
const hooks = createWebhooks({ provider });

describe('misspellings fail to compile', () => {
  test('onEvent: an exact type, a wildcard that matches nothing, a list with one bad name', () => {
    // @ts-expect-error 'card.craeted' is not an Atelio event type
    hooks.onEvent('card.craeted', () => undefined);
    // @ts-expect-error a wildcard that matches no catalogue type
    hooks.onEvent('crad.*', () => undefined);
    // @ts-expect-error one name of the list is misspelled
    hooks.onEvent(['transactions', 'transaction'], () => undefined);
    // @ts-expect-error `unknown:` needs a type after it
    hooks.onEvent('unknown:', () => undefined);
  });

  test('the `on` option', () => {
    createWebhooks({
      provider,
      on: {
        transactions: () => undefined,
        // @ts-expect-error 'card.craeted' is not an Atelio event type
        'card.craeted': () => undefined,
      },
    });
  });

  test('Moneyhub names are case-sensitive', () => {
    const mh = createWebhooks({ provider: moneyhub({ jwks: { keys: [] } }) });
    // @ts-expect-error 'newtransactions' is 'newTransactions'
    mh.onEvent('newtransactions', () => undefined);
    mh.onEvent('newTransactions', (event) => expectTypeOf(event.known).toEqualTypeOf<true>());
  });

  test('a defineProvider catalogue is checked the same way', () => {
    const acme = defineProvider({
      name: 'acme',
      catalog: { 'order.paid': z.object({ total: z.number() }) },
      verify: () => undefined,
      identify: () => ({ type: 'order.paid', id: '1' }),
    });
    const acmeHooks = createWebhooks({ provider: acme });
    // @ts-expect-error 'order.payed' is not an acme event type
    acmeHooks.onEvent('order.payed', () => undefined);
    acmeHooks.onEvent('order.*', (event) => {
      if (event.known) expectTypeOf(event.payload.total).toEqualTypeOf<number>();
    });
  });

  test('the error names the pattern and the way out', () => {
    expectTypeOf<
      CheckedPattern<Atelio, 'card.craeted'>
    >().toEqualTypeOf<'No atelio event type matches "card.craeted". Use a catalogue type, or register a type the catalogue does not list yet as "unknown:card.craeted".'>();
    expectTypeOf<CheckedPattern<Atelio, 'card.created' | 'card.*' | '*' | 'unknown' | 'unknown:x'>>().toEqualTypeOf<
      'card.created' | 'card.*' | '*' | 'unknown' | 'unknown:x'
    >();
  });
});

describe('the `unknown:` escape hatch', () => {
  test('onEvent: the handler gets the unknown event', () => {
    hooks.onEvent('unknown:card.new-thing', (event) => {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>();
      expectTypeOf(event.known).toEqualTypeOf<false>();
      expectTypeOf(event.payload).toBeUnknown();
    });
    hooks.onEvent('unknown:loan.*', (event) => expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>());
  });

  test('the `on` option and lists mixing known and unknown names', () => {
    createWebhooks({
      provider,
      on: {
        'unknown:card.new-thing': (event) => expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>(),
      },
    });
    hooks.onEvent(['transactions', 'unknown:card.new-thing'], (event) => {
      if (event.known) expectTypeOf(event.type).toEqualTypeOf<'transactions'>();
      else expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>();
    });
  });

  test('once the catalogue lists the type, the handler gets it typed', () => {
    expectTypeOf<EventFor<Atelio, 'unknown:transactions'>>().toEqualTypeOf<EventFor<Atelio, 'transactions'>>();
  });
});

describe('patterns that are not literals are checked at run time only', () => {
  test('a string variable compiles and its handler gets any event', () => {
    const pattern: string = 'card.created';
    hooks.onEvent(pattern, (event) => expectTypeOf(event).toEqualTypeOf<AnyEventOf<Atelio>>());
  });

  test('an instance of any provider accepts any name', () => {
    const anyHooks = hooks as Webhooks;
    anyHooks.onEvent('whatever.name', () => undefined);
  });
});
