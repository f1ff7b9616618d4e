import { moneyhub } from '@finhooks/core';
import { webhooks } from '@finhooks/hono';
import { logRefusal } from './log-refusal.js';

/**
 * Moneyhub (open banking): the body is an RS256 JWT (`application/jwt`) verified against the keys
 * found by OIDC discovery under `MONEYHUB_ISSUER` (sandbox: https://identity-dev.moneyhub.co.uk).
 * `MONEYHUB_AUDIENCE`, your API client id, is checked against the token's `aud` (required in production).
 */
export const moneyhubWebhooks = webhooks({
  provider: moneyhub({
    issuer: process.env.MONEYHUB_ISSUER || 'https://identity.moneyhub.co.uk',
    ...audienceFromEnv(process.env.MONEYHUB_AUDIENCE),
  }),
  onError: logRefusal,
});

moneyhubWebhooks.onEvent('newTransactions', (event) => {
  const count = event.payload.payload.accounts.reduce((n, account) => n + account.transactions.length, 0);
  console.log(`[moneyhub] ${event.type} id=${event.id} transactions=${count}`);
});
moneyhubWebhooks.onEvent('payment*', (event) => console.log(`[moneyhub] ${event.type} id=${event.id}`));

/**
 * What the token's `aud` must be: your Moneyhub API client id. Required in production (without it
 * `moneyhub()` refuses to start); while developing, an unset id accepts any audience, so the CLI's
 * `--dev` tokens work before you have a client id.
 */
function audienceFromEnv(clientId: string | undefined): { audience: string } | { allowAnyAudience?: true } {
  if (clientId) return { audience: clientId };
  return process.env.NODE_ENV === 'production' ? {} : { allowAnyAudience: true };
}
