/**
 * Moneyhub deliveries to the running app: RS256 JWTs verified against keys the app discovers from
 * a local stand-in of Moneyhub's identity server (OIDC discovery, then the JWKS), as in production.
 */
import { randomUUID } from 'node:crypto';
import { moneyhub } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest, type MoneyhubTestKeys } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp, TEST_MONEYHUB_AUDIENCE } from './support/app.js';
import { send } from './support/http.js';
import { type MoneyhubIdentity, serveMoneyhubIdentity } from './support/moneyhub-identity.js';

let identity: MoneyhubIdentity;
let app: RunningApp;
let url: string;
beforeAll(async () => {
  identity = await serveMoneyhubIdentity();
  app = await startApp({ MONEYHUB_ISSUER: identity.issuer });
  url = `${app.url}/webhooks/moneyhub`;
});
afterAll(async () => {
  await app?.stop();
  await identity?.close();
});

/** A JWT delivery for the identity's issuer, signed with `key` under the identity's kid. */
const signed = (type: 'newTransactions' | 'paymentCompleted', id: string, key: MoneyhubTestKeys = identity.keys) =>
  createTestRequest(moneyhub({ issuer: identity.issuer, jwks: { keys: [] }, audience: TEST_MONEYHUB_AUDIENCE }), type, { id }, { privateKey: key.privateKey, kid: identity.keys.kid });

describe('POST /webhooks/moneyhub', () => {
  it('a signed newTransactions → 200, with the keys found by discovery, and the typed handler printed it', async () => {
    const id = randomUUID();
    const answer = await send(url, await signed('newTransactions', id));
    expect(answer.status, answer.text).toBe(200);
    expect(identity.fetched).toEqual(['/oidc/.well-known/openid-configuration', '/oidc/certs']);
    await vi.waitFor(() => expect(app.output()).toContain(`[moneyhub] newTransactions id=id:${id} transactions=2`));
  });

  it('a payment event → 200, handled by the wildcard handler', async () => {
    const id = randomUUID();
    expect((await send(url, await signed('paymentCompleted', id))).status).toBe(200);
    await vi.waitFor(() => expect(app.output()).toContain(`[moneyhub] paymentCompleted id=id:${id}`));
  });

  it('a JWT signed by another key → 401, and no handler ran', async () => {
    const id = randomUUID();
    const answer = await send(url, await signed('newTransactions', id, await createMoneyhubTestKeys()));
    expect(answer.status, answer.text).toBe(401);
    expect(answer.json?.error.code).toBe('invalid_signature');
    expect(app.output()).not.toContain(id);
  });

  it('JSON instead of a JWT → 415', async () => {
    const answer = await send(url, { headers: { 'content-type': 'application/json' }, body: '{"eventType":"newTransactions"}' });
    expect(answer.status).toBe(415);
  });
});
