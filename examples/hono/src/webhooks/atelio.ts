import { atelio } from '@finhooks/core';
import { webhooks } from '@finhooks/hono';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/** Atelio (card issuing): `Bond-Signature: t=…,v2=…`, an HMAC of `${t}.${body}` with your webhook secret. */
export const atelioWebhooks = webhooks({
  provider: atelio({ secret: secretFromEnv('ATELIO_WEBHOOK_SECRET', 'whsec_dev_atelio_secret') }),
  onError: logRefusal,
});

atelioWebhooks.onEvent('transactions', (event) => {
  const { transaction } = event.payload;
  console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
});
atelioWebhooks.onEvent('card*', (event) => console.log(`[atelio] ${event.type} id=${event.id}`));
