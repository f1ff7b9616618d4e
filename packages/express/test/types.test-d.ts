import { atelio } from '@finhooks/core';
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
