import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  type AnyProvider,
  atelio,
  atelioCatalog,
  atomic,
  atomicCatalog,
  createWebhooks,
  handleRequest,
  moneyhub,
  moneyhubCatalog,
  type RawRequest,
  urnFromEventType,
  type WebhookEvent,
} from '../src/index.js';
import {
  atelioDocSamples,
  atelioSamples,
  atomicDocSamples,
  atomicSamples,
  createTestRequest,
  type DocSample,
  moneyhubDocSamples,
  moneyhubSamples,
  moneyhubTestKeys,
} from '../src/testing.js';
import { atelioSignatureHeader, atomicSignature } from './support/sign.js';

/**
 * Every documented sample, signed by an independent signer (node:crypto, jose), goes through the
 * whole pipeline: it validates, reaches the handler of its exact type, and keeps every value.
 */
const ATOMIC_SECRET = 'atomic-secret-0123';
const ATELIO_SECRET = 'whsec_samples_secret';

async function signIndependently(providerName: string, body: Record<string, unknown>): Promise<RawRequest> {
  const raw = JSON.stringify(body);
  if (providerName === 'atomic') {
    return { method: 'POST', headers: { 'content-type': 'application/json', 'x-hmac-signature-sha-256': atomicSignature(raw, ATOMIC_SECRET) }, rawBody: Buffer.from(raw) };
  }
  if (providerName === 'atelio') {
    return { method: 'POST', headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(raw, ATELIO_SECRET) }, rawBody: Buffer.from(raw) };
  }
  const keys = await moneyhubTestKeys();
  const { id, eventType, userId, payload } = body as { id: string; eventType: string; userId: string; payload: unknown };
  const jwt = await new SignJWT({ events: { [urnFromEventType(eventType)]: payload } })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
    .setIssuer('https://identity.moneyhub.co.uk')
    .setJti(id)
    .setSubject(userId)
    .setIssuedAt()
    .sign(keys.privateKey);
  return { method: 'POST', headers: { 'content-type': 'application/jwt' }, rawBody: Buffer.from(jwt) };
}

async function providers() {
  const keys = await moneyhubTestKeys();
  return {
    atomic: atomic({ secret: ATOMIC_SECRET }),
    atelio: atelio({ secret: ATELIO_SECRET }),
    moneyhub: moneyhub({ jwks: keys.jwks, allowAnyAudience: true }),
  } satisfies Record<string, AnyProvider>;
}

const docSamples: Array<[string, DocSample]> = [
  ...atomicDocSamples.map((s): [string, DocSample] => ['atomic', s]),
  ...moneyhubDocSamples.map((s): [string, DocSample] => ['moneyhub', s]),
  ...atelioDocSamples.map((s): [string, DocSample] => ['atelio', s]),
];

describe('documented samples through the pipeline', () => {
  it('has samples of every provider', () => {
    expect(atomicDocSamples.length).toBeGreaterThanOrEqual(30);
    expect(moneyhubDocSamples.length).toBeGreaterThanOrEqual(10);
    expect(atelioDocSamples.length).toBeGreaterThanOrEqual(30);
  });

  it.each(docSamples.map(([name, sample], i) => [`${name} ${sample.type} #${i}`, name, sample] as const))(
    '%s validates, is routed and keeps its values',
    async (_title, name, sample) => {
      const all = await providers();
      const provider = all[name as keyof typeof all];
      const exact = vi.fn();
      const any = vi.fn();
      const hooks = createWebhooks({ provider: provider as AnyProvider });
      const inCatalog = Object.hasOwn(provider.catalog, sample.type);
      // A documented type the catalogue does not list (a placeholder in the docs) needs the escape hatch.
      hooks.onEvent(inCatalog ? sample.type : `unknown:${sample.type}`, exact);
      hooks.onAny(any);
      const response = await handleRequest(hooks, await signIndependently(name, { ...sample.body }));
      expect(response.status, response.body).toBe(200);
      const event = any.mock.calls[0]![0] as WebhookEvent;
      const routable = inCatalog && event.type === sample.type;
      // Samples that name no routable type (Atelio's late_payment sample has no "event") arrive as unknown.
      expect(event.known).toBe(routable);
      if (routable) expect(exact).toHaveBeenCalledOnce();
      expect(event.payload).toEqual(sample.body);
    },
  );
});

describe('one sample per catalogue type', () => {
  const perType: Array<[string, string, Readonly<Record<string, unknown>>]> = [
    ...Object.entries(atomicSamples).map(([t, b]): [string, string, Readonly<Record<string, unknown>>] => ['atomic', t, b]),
    ...Object.entries(moneyhubSamples).map(([t, b]): [string, string, Readonly<Record<string, unknown>>] => ['moneyhub', t, b]),
    ...Object.entries(atelioSamples).map(([t, b]): [string, string, Readonly<Record<string, unknown>>] => ['atelio', t, b]),
  ];

  it('covers every catalogue type', () => {
    expect(Object.keys(atomicSamples).sort()).toEqual(Object.keys(atomicCatalog).sort());
    expect(Object.keys(moneyhubSamples).sort()).toEqual(Object.keys(moneyhubCatalog).sort());
    expect(Object.keys(atelioSamples).sort()).toEqual(Object.keys(atelioCatalog).sort());
  });

  it.each(perType)('%s %s: createTestRequest builds a delivery the pipeline routes to its typed handler', async (name, type) => {
    const all = await providers();
    const provider = all[name as keyof typeof all] as AnyProvider;
    const handler = vi.fn();
    const hooks = createWebhooks({ provider });
    hooks.onEvent(type, handler);
    const response = await handleRequest(hooks, await createTestRequest(provider, type));
    expect(response.status, response.body).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0]).toMatchObject({ type, known: true });
  });
});

describe('our signer, checked by independent verifiers', () => {
  it('atomic.sign produces the HMAC node:crypto computes, with CloudEvents headers', async () => {
    const provider = atomic({ secret: ATOMIC_SECRET });
    const { headers, body } = await provider.sign(atomicSamples['task-status-updated']);
    expect(headers['x-hmac-signature-sha-256']).toBe(atomicSignature(body, ATOMIC_SECRET));
    expect(headers).toMatchObject({ 'ce-specversion': '1.0', 'ce-source': 'com.atomicfi', 'ce-type': 'com.atomicfi.task-status-updated' });
  });

  it('atelio.sign produces the v2 node:crypto computes for its timestamp', async () => {
    const provider = atelio({ secret: ATELIO_SECRET });
    const { headers, body } = await provider.sign(atelioSamples.transactions, { timestamp: 1_700_000_000 });
    expect(headers['bond-signature']).toMatch(/^t=1700000000,v1=[0-9a-f]{64},v2=[0-9a-f]{64}$/);
    const v2 = headers['bond-signature']!.split('v2=')[1];
    expect(atelioSignatureHeader(body, ATELIO_SECRET, 1_700_000_000)).toContain(`v2=${v2}`);
  });

  it('moneyhub.sign produces an RS256 JWT that jose verifies, with the event under its URN', async () => {
    const keys = await moneyhubTestKeys();
    const provider = moneyhub({ jwks: keys.jwks, audience: 'client-1' });
    const sample = moneyhubSamples.newTransactions as { id: string; payload: unknown };
    const { headers, body } = await provider.sign(sample, { privateKey: keys.privateKey, kid: keys.kid });
    expect(headers['content-type']).toBe('application/jwt');
    const { payload, protectedHeader } = await jwtVerify(body, createLocalJWKSet(keys.jwks), {
      issuer: 'https://identity.moneyhub.co.uk',
      audience: 'client-1',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: keys.kid });
    expect(payload).toMatchObject({ jti: sample.id, events: { 'urn:com:moneyhub:events:new-transactions': sample.payload } });
  });
});
