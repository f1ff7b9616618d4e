import { moneyhub } from '@finhooks/core';
import { webhooks } from '@finhooks/koa';
import { logRefusal } from './log-refusal.js';

/**
 * Moneyhub (open banking): the body is an RS256 JWT (`application/jwt`) verified against the keys
 * found by OIDC discovery under `MONEYHUB_ISSUER` (sandbox: https://identity-dev.moneyhub.co.uk).
 * `MONEYHUB_AUDIENCE`, your API client id, is checked against the token's `aud` when set.
 */
export const moneyhubWebhooks = webhooks({
  provider: moneyhub({
    issuer: process.env.MONEYHUB_ISSUER || 'https://identity.moneyhub.co.uk',
    audience: process.env.MONEYHUB_AUDIENCE || undefined,
  }),
  onError: logRefusal,
});

moneyhubWebhooks.onEvent('newTransactions', (event) => {
  const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
  console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
});
moneyhubWebhooks.onEvent('payment*', (event) => console.log(`[moneyhub] ${event.type} id=${event.id}`));
