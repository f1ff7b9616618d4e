import { atomic } from '@finhooks/core';
import { webhooks } from '@finhooks/hono';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API
 * secret. The handler is also the instance: handlers are registered on it. They print what arrived
 * without any personal field (identity and payroll events carry SSNs and salaries): type, id, status.
 */
export const atomicWebhooks = webhooks({
  provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
  onError: logRefusal,
});

atomicWebhooks.onEvent('task-*', (event) => {
  if (event.known && event.type === 'task-status-updated') {
    console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
  } else {
    console.log(`[atomic] ${event.type} id=${event.id}`);
  }
});
atomicWebhooks.onEvent('identity-*', (event) => console.log(`[atomic] ${event.type} id=${event.id}`));
