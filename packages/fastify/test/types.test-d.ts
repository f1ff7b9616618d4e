import { type AnyProvider, type AtelioProvider, atelio, createWebhooks, moneyhub, type Webhooks } from '@finhooks/core';
import Fastify from 'fastify';
import { expectTypeOf, test } from 'vitest';
import finhooks, { type FinhooksRegistry, finhooks as namedFinhooks } from '../src/index.js';

declare module '../src/index.js' {
  interface FinhooksInstances {
    'atelio-typed': Webhooks<AtelioProvider>;
  }
}

test('handlers in the register options are typed from the provider catalogue', async () => {
  const app = Fastify();
  await app.register(finhooks, {
    path: '/webhooks/atelio',
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      transactions: (event) => {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      },
      'card.status.*': (event) => {
        if (event.known) expectTypeOf(event.type).toEqualTypeOf<`card.status.${'active' | 'closed' | 'inactive' | 'reissue' | 'fraud' | 'lost' | 'stolen' | 'no_withdrawals'}`>();
      },
    },
  });
  await app.register(namedFinhooks, { path: '/webhooks/moneyhub', name: 'mh', prefix: '/v1', provider: moneyhub({ jwks: { keys: [] }, allowAnyAudience: true }) });
  const hooks = createWebhooks({ provider: atelio({ secret: 'whsec_x' }) });
  await app.register(finhooks, { path: '/webhooks/atelio-2', name: 'atelio-typed', webhooks: hooks });
  // @ts-expect-error path is required
  await app.register(finhooks, { provider: atelio({ secret: 'whsec_x' }) });
  // @ts-expect-error an Atelio handler map only takes functions
  await app.register(finhooks, { path: '/x', provider: atelio({ secret: 'whsec_x' }), on: { transactions: 'nope' } });
  await app.register(finhooks, {
    path: '/y',
    provider: atelio({ secret: 'whsec_x' }),
    // @ts-expect-error 'card.craeted' is not an Atelio event type
    on: { 'card.craeted': () => undefined, 'unknown:card.new-thing': (event) => expectTypeOf(event.known).toEqualTypeOf<false>() },
  });
});

test('the app.finhooks decoration is typed', () => {
  const app = Fastify();
  expectTypeOf(app.finhooks).toEqualTypeOf<FinhooksRegistry>();
  expectTypeOf(app.finhooks.get('anything')).toEqualTypeOf<Webhooks<AnyProvider>>();
  // Names declared in FinhooksInstances get their provider's types.
  const typed = app.finhooks.get('atelio-typed');
  expectTypeOf(typed).toEqualTypeOf<Webhooks<AtelioProvider>>();
  typed.onEvent('transactions', (event) => {
    expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
  });
});
