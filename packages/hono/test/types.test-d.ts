import { atelio, atomic, type AtelioProvider, createWebhooks, type Webhooks } from '@finhooks/core';
import { Hono } from 'hono';
import { Hono as Hono40 } from 'hono-4.0';
import { expectTypeOf, test } from 'vitest';
import { type HonoWebhooks, webhooks } from '../src/index.js';

test('handlers are typed from the provider catalogue, through wildcards', () => {
  const handler = webhooks({
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      transactions: (event) => {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      },
      'card.status.*': (event) => {
        if (event.known) {
          expectTypeOf(
            event.type,
          ).toEqualTypeOf<`card.status.${'active' | 'closed' | 'inactive' | 'reissue' | 'fraud' | 'lost' | 'stolen' | 'no_withdrawals'}`>();
        }
      },
    },
  });
  expectTypeOf(handler).toEqualTypeOf<HonoWebhooks<AtelioProvider>>();
  expectTypeOf(handler.webhooks).toEqualTypeOf<Webhooks<AtelioProvider>>();
  // @ts-expect-error an Atelio handler map only takes functions
  webhooks({ provider: atelio({ secret: 'whsec_x' }), on: { transactions: 'nope' } });
});

test('onEvent narrows the payload through a wildcard', () => {
  const handler = webhooks({ provider: atomic({ secret: 's' }) });
  handler.onEvent('task-*', (event) => {
    if (event.known && event.type === 'task-status-updated') {
      expectTypeOf(event.type).toEqualTypeOf<'task-status-updated'>();
      expectTypeOf(event.payload.data.status).toBeString();
    }
  });
});

test('a misspelled event name fails to compile; unknown: registers it', () => {
  const handler = webhooks({
    path: '/webhooks/atelio',
    provider: atelio({ secret: 'whsec_x' }),
    // @ts-expect-error 'transaction' is 'transactions'
    on: { transaction: () => undefined },
  });
  // @ts-expect-error 'card.craeted' is not an Atelio event type
  handler.onEvent('card.craeted', () => undefined);
  handler.onEvent('unknown:card.new-thing', (event) => expectTypeOf(event.known).toEqualTypeOf<false>());
});

test('accepted by app.post, app.all and app.use of Hono 4.0 and the latest, with any Env', () => {
  const hooks = createWebhooks({ provider: atomic({ secret: 's' }) });
  const app = new Hono<{ Bindings: { ATOMIC_API_SECRET: string }; Variables: { user: string } }>();
  app.post('/webhooks/atomic', webhooks(hooks));
  app.all('/webhooks/atomic', webhooks({ provider: atomic({ secret: 's' }) }));
  app.use(webhooks({ path: '/webhooks/atomic', webhooks: hooks }));
  app.use('/webhooks/*', webhooks({ path: '/webhooks/atomic', webhooks: hooks }));
  app.basePath('/api').post('/webhooks/:provider', webhooks(hooks));
  const old = new Hono40();
  old.post('/webhooks/atomic', webhooks(hooks));
  old.use(webhooks({ path: '/webhooks/atomic', webhooks: hooks }));
  expectTypeOf(webhooks({ path: '/x', webhooks: hooks }).webhooks).toEqualTypeOf<typeof hooks>();
});
