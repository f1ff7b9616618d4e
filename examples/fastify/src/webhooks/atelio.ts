import { atelio } from '@finhooks/core';
import finhooks from '@finhooks/fastify';
import type { FastifyInstance } from 'fastify';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/** Atelio (card issuing): `Bond-Signature: t=…,v2=…`, an HMAC of `${t}.${body}` with your webhook secret. */
export async function registerAtelioWebhooks(app: FastifyInstance): Promise<void> {
  await app.register(finhooks, {
    path: '/webhooks/atelio',
    provider: atelio({ secret: secretFromEnv('ATELIO_WEBHOOK_SECRET', 'whsec_dev_atelio_secret') }),
    on: {
      transactions: (event) => {
        const { transaction } = event.payload;
        console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
      },
    },
    onError: logRefusal,
  });
  // Instances are also reachable from the app, by provider name.
  app.finhooks.get('atelio').onEvent('card.*', (event) => console.log(`[atelio] ${event.type} id=${event.id}`));
}
