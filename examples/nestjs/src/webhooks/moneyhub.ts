import { moneyhub } from '@finhooks/core';
import { type FinhooksEndpoint, OnWebhookEvent, type WebhookEventOf } from '@finhooks/nestjs';
import { Injectable } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { logRefusal } from './log-refusal.js';

/**
 * Moneyhub (open banking): the body is an RS256 JWT (`application/jwt`) verified against the keys
 * found by OIDC discovery under `MONEYHUB_ISSUER` (sandbox: https://identity-dev.moneyhub.co.uk).
 * `MONEYHUB_AUDIENCE`, your API client id, is checked against the token's `aud` (required in production).
 */
export function moneyhubEndpoint(config: ConfigService): FinhooksEndpoint {
  return {
    path: '/webhooks/moneyhub',
    provider: moneyhub({
      issuer: config.get<string>('MONEYHUB_ISSUER') || 'https://identity.moneyhub.co.uk',
      ...audienceFromEnv(config.get<string>('MONEYHUB_AUDIENCE'), config.get<string>('NODE_ENV')),
    }),
    onError: logRefusal,
  };
}

type TransactionsEvent = 'newTransactions' | 'updatedTransactions' | 'deletedTransactions' | 'restoredTransactions';

@Injectable()
export class MoneyhubHandlers {
  @OnWebhookEvent('moneyhub', 'payment*')
  onPayment(event: WebhookEventOf<'moneyhub', 'payment*'>) {
    if (!event.known) return;
    console.log(`[moneyhub] ${event.type} id=${event.id} status=${event.payload.payload.status}`);
  }

  // Several exact types with one handler: the payload is the union of theirs.
  @OnWebhookEvent('moneyhub', ['newTransactions', 'updatedTransactions', 'deletedTransactions', 'restoredTransactions'])
  onTransactions(event: WebhookEventOf<'moneyhub', TransactionsEvent>) {
    const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
    console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
  }
}

/**
 * What the token's `aud` must be: your Moneyhub API client id. Required in production (without it
 * `moneyhub()` refuses to start); while developing, an unset id accepts any audience, so the CLI's
 * `--dev` tokens work before you have a client id.
 */
function audienceFromEnv(clientId: string | undefined, nodeEnv: string | undefined): { audience: string } | { allowAnyAudience?: true } {
  if (clientId) return { audience: clientId };
  return nodeEnv === 'production' ? {} : { allowAnyAudience: true };
}
