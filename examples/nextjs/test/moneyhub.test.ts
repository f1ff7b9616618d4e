/**
 * Moneyhub, end to end: RS256 JWT deliveries to the built app under `next start`, verified with keys
 * discovered from a local stand-in of Moneyhub's identity server (as in production), or pinned with
 * `MONEYHUB_JWKS`.
 */
import { randomUUID } from 'node:crypto';
import { moneyhub, type MoneyhubProvider } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest, type MoneyhubTestKeys } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startTestApp, TEST_MONEYHUB_CLIENT_ID, type TestApp } from './support/deliveries';
import { type MoneyhubIdentity, serveMoneyhubIdentity } from './support/moneyhub-identity';
import { itBehavesAsAWebhookRoute } from './support/route-suite';

let identity: MoneyhubIdentity;
let app: TestApp;
beforeAll(async () => {
  identity = await serveMoneyhubIdentity();
  app = await startTestApp({ MONEYHUB_ISSUER: identity.issuer, MONEYHUB_JWKS: '' });
});
afterAll(async () => {
  await app?.stop();
  await identity?.close();
});

/** A JWT delivery from `signer`'s issuer, signed with `key` under the identity's kid. */
async function signed(type: string, key: MoneyhubTestKeys = identity.keys, signer: MoneyhubProvider = moneyhub({ issuer: identity.issuer, jwks: { keys: [] }, audience: TEST_MONEYHUB_CLIENT_ID })) {
  const id = randomUUID();
  const req = await createTestRequest(signer, type as 'newTransactions', { id }, { privateKey: key.privateKey, kid: identity.keys.kid });
  return { headers: req.headers, body: req.body, id: `id:${id}` }; // event.id of a token with a jti
}

describe('App Router: POST /api/webhooks/moneyhub (next start)', () => {
  itBehavesAsAWebhookRoute(() => app, {
    provider: 'moneyhub',
    path: '/api/webhooks/moneyhub',
    route: 'app/moneyhub',
    type: 'newTransactions',
    detail: { transactions: 2 },
    signed: () => signed('newTransactions'),
    forged: async () => signed('newTransactions', await createMoneyhubTestKeys()),
  });

  it('found the keys through the issuer (OIDC discovery, then the JWKS)', () => {
    expect(identity.fetched).toEqual(['/oidc/.well-known/openid-configuration', '/oidc/certs']);
  });
});

describe('Moneyhub keys pinned with MONEYHUB_JWKS, default issuer (next start)', () => {
  let pinned: TestApp | undefined;
  beforeAll(async () => {
    pinned = await startTestApp({ MONEYHUB_ISSUER: '', MONEYHUB_JWKS: JSON.stringify(identity.keys.jwks) });
  });
  afterAll(() => pinned?.stop());

  it('deliveries are verified against the pinned key set', async () => {
    const signer = moneyhub({ jwks: { keys: [] }, audience: TEST_MONEYHUB_CLIENT_ID });
    const good = await signed('paymentCompleted', identity.keys, signer);
    const forged = await signed('paymentCompleted', await createMoneyhubTestKeys(), signer);
    expect((await send(`${pinned!.server.url}/api/webhooks/moneyhub`, good)).status).toBe(200);
    expect((await send(`${pinned!.server.url}/api/webhooks/moneyhub`, forged)).status).toBe(401);
    expect(await pinned!.receivedWithId(good.id)).toEqual([{ route: 'app/moneyhub', provider: 'moneyhub', id: good.id, type: 'paymentCompleted', known: true }]);
  });
});
