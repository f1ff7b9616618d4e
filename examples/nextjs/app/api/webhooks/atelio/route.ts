import { atelio } from '@finhooks/core';
import { webhooks } from '@finhooks/next';
import { secretFromEnv } from '@/lib/env';
import { recordReceived } from '@/lib/received';

export const runtime = 'nodejs';

// Atelio (card issuing): `Bond-Signature: t=…,v2=…`, an HMAC of `${t}.${body}` with your webhook secret.
export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({
  provider: atelio({ secret: secretFromEnv('ATELIO_WEBHOOK_SECRET', 'whsec_dev_atelio_secret') }),
  on: {
    'card.*': (event) => recordReceived('app/atelio', event),
    transactions: (event) =>
      recordReceived('app/atelio', event, { paymentType: event.payload.transaction.payment_type ?? 'unknown' }),
  },
});
