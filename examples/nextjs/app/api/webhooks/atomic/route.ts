import { atomic } from '@finhooks/core';
import { webhooks } from '@finhooks/next';
import { secretFromEnv } from '@/lib/env';
import { recordReceived } from '@/lib/received';

// finhooks needs Node.js (node:crypto, Node streams): the Edge runtime is not supported.
export const runtime = 'nodejs';

// Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API secret.
// Exporting every method makes them all answer 405 with `Allow: POST` (Next's own 405 has no Allow).
export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({
  provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
  on: {
    'task-status-updated': (event) => recordReceived('app/atomic', event, { status: event.payload.data.status }),
    // Identity and payroll data events carry SSNs, salaries and account numbers: store them, never log them.
    '*-synced': (event) => recordReceived('app/atomic', event),
  },
});
