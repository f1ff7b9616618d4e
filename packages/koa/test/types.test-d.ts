import { atelio, atomic, createWebhooks, type Webhooks, type AtelioProvider } from '@finhooks/core';
import Router from '@koa/router';
import Koa from 'koa';
import { expectTypeOf, test } from 'vitest';
import { type KoaWebhooks, webhooks } from '../src/index.js';

test('handlers are typed from the provider catalogue', () => {
  const middleware = webhooks({
    path: '/webhooks/atelio',
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      transactions: (event) => {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      },
    },
  });
  expectTypeOf(middleware).toEqualTypeOf<KoaWebhooks<AtelioProvider>>();
  expectTypeOf(middleware.webhooks).toEqualTypeOf<Webhooks<AtelioProvider>>();
  middleware.onEvent('card.status.*', (event) => {
    if (event.known) expectTypeOf(event.type).toEqualTypeOf<`card.status.${'active' | 'closed' | 'inactive' | 'reissue' | 'fraud' | 'lost' | 'stolen' | 'no_withdrawals'}`>();
  });
  // @ts-expect-error an Atelio handler map only takes functions
  webhooks({ provider: atelio({ secret: 'whsec_x' }), on: { transactions: 'nope' } });
});

test('the middleware is accepted by app.use, router.all and router.post', () => {
  const app = new Koa();
  const router = new Router();
  const hooks = createWebhooks({ provider: atomic({ secret: 's' }) });
  app.use(webhooks({ path: '/webhooks/atomic', webhooks: hooks }));
  router.all('/webhooks/atomic', webhooks(hooks));
  router.post('/webhooks/atomic', webhooks({ provider: atomic({ secret: 's' }) }));
  expectTypeOf(webhooks({ path: '/x', webhooks: hooks }).webhooks).toEqualTypeOf<typeof hooks>();
  app.use(router.routes());
});

test('a misspelled event name fails to compile; unknown: registers it', () => {
  const middleware = webhooks({
    path: '/webhooks/atelio',
    provider: atelio({ secret: 'whsec_x' }),
    // @ts-expect-error 'transaction' is 'transactions'
    on: { transaction: () => undefined },
  });
  // @ts-expect-error 'card.craeted' is not an Atelio event type
  middleware.onEvent('card.craeted', () => undefined);
  middleware.onEvent('unknown:card.new-thing', (event) => expectTypeOf(event.known).toEqualTypeOf<false>());
});
