import { atomic, createWebhooks } from '@finhooks/core';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API
 * secret. Handlers print what arrived without any personal field (identity and payroll events carry
 * SSNs, salaries and account numbers): type, id and a status-like value.
 */
export const atomicWebhooks = createWebhooks({
  provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
  on: {
    'task-status-updated': (event) => {
      console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
    },
    'deposit-accounts-*': (event) => {
      if (!event.known) return;
      console.log(`[atomic] ${event.type} id=${event.id} accounts=${event.payload.data.depositAccounts.length}`);
    },
    'identity-*': (event) => console.log(`[atomic] ${event.type} id=${event.id}`),
  },
  onError: logRefusal,
});
