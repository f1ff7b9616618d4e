import { atelio } from '@finhooks/core';
import { type FinhooksEndpoint, OnWebhookEvent, type WebhookEventOf } from '@finhooks/nestjs';
import { Injectable } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { secretFromEnv } from '../config.js';
import { logRefusal } from './log-refusal.js';

/** Atelio (card issuing): `Bond-Signature: t=…,v2=…`, an HMAC of `${t}.${body}` with your webhook secret. */
export function atelioEndpoint(config: ConfigService): FinhooksEndpoint {
  return {
    path: '/webhooks/atelio',
    provider: atelio({ secret: secretFromEnv(config, 'ATELIO_WEBHOOK_SECRET', 'whsec_dev_atelio_secret') }),
    onError: logRefusal,
  };
}

@Injectable()
export class AtelioHandlers {
  @OnWebhookEvent('atelio', 'transactions')
  onTransaction(event: WebhookEventOf<'atelio', 'transactions'>) {
    const { transaction } = event.payload;
    console.log(`[atelio] ${event.type} id=${event.id} ${transaction.payment_type} ${transaction.state} ${transaction.amount} ${transaction.currency}`);
  }

  @OnWebhookEvent('atelio', 'card.*')
  onCard(event: WebhookEventOf<'atelio', 'card.*'>) {
    console.log(`[atelio] ${event.type} id=${event.id}`);
  }
}
