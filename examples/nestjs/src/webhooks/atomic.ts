import { atomic } from '@finhooks/core';
import { type FinhooksEndpoint, OnWebhookEvent, type WebhookEventOf } from '@finhooks/nestjs';
import { Injectable } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/**
 * Atomic (payroll): HMAC-SHA256 of the raw body in `x-hmac-signature-sha-256`, keyed by your API
 * secret. Handlers print what arrived without any personal field (identity and payroll events carry
 * SSNs, salaries and account numbers): type, id and a status-like value.
 */
export function atomicEndpoint(config: ConfigService): FinhooksEndpoint {
  return {
    path: '/webhooks/atomic',
    provider: atomic({ secret: secretFromEnv(config, 'ATOMIC_API_SECRET', 'dev-atomic-secret') }),
    onError: logRefusal,
  };
}

@Injectable()
export class AtomicHandlers {
  @OnWebhookEvent('atomic', 'task-status-updated')
  onTaskStatus(event: WebhookEventOf<'atomic', 'task-status-updated'>) {
    console.log(`[atomic] ${event.type} id=${event.id} task=${event.payload.task} status=${event.payload.data.status}`);
  }

  @OnWebhookEvent('atomic', 'deposit-accounts-*')
  onDepositAccounts(event: WebhookEventOf<'atomic', 'deposit-accounts-*'>) {
    if (!event.known) return;
    console.log(`[atomic] ${event.type} id=${event.id} accounts=${event.payload.data.depositAccounts.length}`);
  }

  @OnWebhookEvent('atomic', 'identity-*')
  onIdentity(event: WebhookEventOf<'atomic', 'identity-*'>) {
    console.log(`[atomic] ${event.type} id=${event.id}`);
  }
}
