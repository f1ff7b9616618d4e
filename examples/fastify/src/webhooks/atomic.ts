import { atomic } from '@finhooks/core';
import finhooks from '@finhooks/fastify';
import type { FastifyInstance } from 'fastify';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API
 * secret. Handlers print what arrived without any personal field (identity and payroll events carry
 * SSNs and salaries): type, id and a status-like value.
 */
export async function registerAtomicWebhooks(app: FastifyInstance): Promise<void> {
  await app.register(finhooks, {
    path: '/webhooks/atomic',
    provider: atomic({ secret: secretFromEnv('ATOMIC_API_SECRET', 'dev-atomic-secret') }),
    on: {
      'task-status-updated': (event) => {
        console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
      },
      'identity-*': (event) => console.log(`[atomic] ${event.type} id=${event.id}`),
    },
    onError: logRefusal,
  });
}
