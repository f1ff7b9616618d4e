import { atelio, createWebhooks, type UnknownWebhookEvent } from '@finhooks/core';
import express from 'express';
import { expectTypeOf, test } from 'vitest';
import { webhooks } from '../src/index.js';

test('the middleware mounts on Express and types handlers from the provider catalogue', () => {
  const app = express();
  const middleware = webhooks({
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      transactions: (event) => {
        expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
      },
    },
  });
  app.use('/webhooks/atelio', middleware);
  middleware.onEvent('card.status.*', (event) => {
    if (event.known) expectTypeOf(event.type).toEqualTypeOf<`card.status.${'active' | 'closed' | 'inactive' | 'reissue' | 'fraud' | 'lost' | 'stolen' | 'no_withdrawals'}`>();
  });
});

test('a misspelled event name fails to compile in the options and on the middleware; unknown: registers it', () => {
  const middleware = webhooks({
    provider: atelio({ secret: 'whsec_x' }),
    on: {
      // @ts-expect-error 'card.craeted' is not an Atelio event type
      'card.craeted': () => undefined,
    },
  });
  // @ts-expect-error a wildcard that matches no Atelio event type
  middleware.onEvent('crad.*', () => undefined);
  middleware.onEvent('unknown:card.new-thing', (event) => {
    expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent<'atelio'>>();
  });
});

test('{ path, webhooks } mounts an existing instance and keeps its provider type', () => {
  const hooks = createWebhooks({ provider: atelio({ secret: 'whsec_x' }) });
  const middleware = webhooks({ path: '/webhooks/atelio', webhooks: hooks });
  expectTypeOf(middleware.webhooks).toEqualTypeOf<typeof hooks>();
  middleware.onEvent('transactions', (event) => {
    expectTypeOf(event.payload.transaction.amount).toEqualTypeOf<string>();
  });
  // @ts-expect-error misspelled: checked against the instance's catalogue
  middleware.onEvent('card.craeted', () => undefined);
});
