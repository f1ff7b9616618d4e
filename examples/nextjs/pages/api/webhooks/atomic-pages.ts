import { atomic } from '@finhooks/core';
import { pagesWebhooks } from '@finhooks/next';
import { secretFromEnv } from '@/lib/env';
import { recordReceived } from '@/lib/received';

// The same Atomic receiver as app/api/webhooks/atomic, for apps on the Pages Router.
export default pagesWebhooks({
  provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
  on: {
    'task-status-updated': (event) => recordReceived('pages/atomic', event, { status: event.payload.data.status }),
    '*-synced': (event) => recordReceived('pages/atomic', event),
  },
});

// Required: Next's body parser would consume the raw bytes the signature covers (finhooks then answers 500).
export const config = { api: { bodyParser: false } };
