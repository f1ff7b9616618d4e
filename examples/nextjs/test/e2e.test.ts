/**
 * End to end: the app built by `next build`, served by `next start` on a free port, receiving real
 * signed deliveries of every provider over HTTP. Handlers append what they received to a file
 * (FINHOOKS_RECEIVED_LOG), which is how this test knows they ran, and how often. Moneyhub's keys
 * are discovered from a local stand-in of its identity server, as in production.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atelio, atomic, moneyhub, type MoneyhubProvider } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest, type MoneyhubTestKeys } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReceivedRecord } from '../lib/received';
import { type MoneyhubIdentity, serveMoneyhubIdentity } from './moneyhub-identity';
import { assertBuilt, type NextServer, startNext } from './next-server';

const ATOMIC_SECRET = 'e2e-atomic-secret';
const ATELIO_SECRET = 'whsec_e2eAtelioSecret0123456789';

type Name = 'atomic' | 'moneyhub' | 'atelio';
type Delivery = { method?: string; headers: Record<string, string>; body?: string };

let identity: MoneyhubIdentity | undefined;
let app: NextServer | undefined;
let workDir: string | undefined;
let receivedLog: string;

const atomicSigner = atomic({ secret: ATOMIC_SECRET });
const atelioSigner = atelio({ secret: ATELIO_SECRET });

/** A fresh signed delivery (a new id, so de-duplication never hides a test's event) and the id the app records. */
async function delivery(name: Name, type: string, moneyhubKey?: MoneyhubTestKeys): Promise<Delivery & { id: string }> {
  if (name === 'atomic') {
    const req = await createTestRequest(atomicSigner, type, { eventTime: new Date().toISOString() });
    return { headers: req.headers, body: req.body, id: req.headers['ce-id']! };
  }
  if (name === 'atelio') {
    const occurredAt = `${new Date().toISOString()}#${randomUUID()}`;
    const req = await createTestRequest(atelioSigner, type, { occurred_at: occurredAt });
    return { headers: req.headers, body: req.body, id: `${type}:${occurredAt}` };
  }
  return moneyhubDelivery(
    moneyhub({ issuer: identity!.issuer, jwks: { keys: [] } }),
    type,
    moneyhubKey ?? identity!.keys,
  );
}

/** A Moneyhub JWT delivery signed by `signer`'s issuer with `key` (under the identity's kid). */
async function moneyhubDelivery(signer: MoneyhubProvider, type: string, key: MoneyhubTestKeys) {
  const id = randomUUID();
  const options = { privateKey: key.privateKey, kid: identity!.keys.kid };
  const req = await createTestRequest(signer, type, { id }, options);
  return { headers: req.headers, body: req.body, id };
}

async function send(path: string, req: Delivery, base = app!.url) {
  const response = await fetch(`${base}${path}`, {
    method: req.method ?? 'POST',
    headers: req.headers,
    body: req.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    allow: response.headers.get('allow'),
    text,
    json: text ? (JSON.parse(text) as Record<string, any>) : undefined,
  };
}

async function receivedWithId(id: string): Promise<ReceivedRecord[]> {
  const text = await readFile(receivedLog, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedRecord)
    .filter((record) => record.id === id);
}

const tamper = <D extends Delivery>(req: D): D => ({ ...req, body: req.body!.replace(/}$/, ',"tampered":true}') });

beforeAll(async () => {
  assertBuilt();
  identity = await serveMoneyhubIdentity();
  workDir = await mkdtemp(join(tmpdir(), 'finhooks-next-e2e-'));
  receivedLog = join(workDir, 'received.jsonl');
  app = await startNext({
    ATOMIC_API_SECRET: ATOMIC_SECRET,
    ATELIO_WEBHOOK_SECRET: ATELIO_SECRET,
    MONEYHUB_ISSUER: identity.issuer,
    MONEYHUB_JWKS: '',
    MONEYHUB_CLIENT_ID: '',
    FINHOOKS_RECEIVED_LOG: receivedLog,
  });
});

afterAll(async () => {
  await app?.stop();
  await identity?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const appRoutes = [
  // [provider, route, a catalogue event its typed handler records, the detail it reads from the typed payload]
  ['atomic', '/api/webhooks/atomic', 'task-status-updated', { status: 'completed' }],
  ['moneyhub', '/api/webhooks/moneyhub', 'newTransactions', { transactions: 2 }],
  ['atelio', '/api/webhooks/atelio', 'transactions', { paymentType: 'ach' }],
] as const;

describe('App Router routes (next start)', () => {
  it.each(appRoutes)(
    '%s: a signed delivery → 200, and the typed handler ran once',
    async (name, path, type, detail) => {
      const req = await delivery(name, type);
      const response = await send(path, req);
      expect(response.status, response.text).toBe(200);
      expect(response.json).toEqual({ received: true });
      expect(await receivedWithId(req.id)).toEqual([
        { route: `app/${name}`, provider: name, id: req.id, type, known: true, detail },
      ]);
    },
  );

  it('moneyhub: the keys were discovered through the issuer (OIDC discovery, then the JWKS)', () => {
    expect(identity!.fetched).toEqual(['/oidc/.well-known/openid-configuration', '/oidc/certs']);
  });

  it.each(appRoutes)('%s: a tampered delivery → 401, no handler ran', async (name, path, type) => {
    const req =
      name === 'moneyhub'
        ? await delivery(name, type, await createMoneyhubTestKeys())
        : tamper(await delivery(name, type));
    const response = await send(path, req);
    expect(response.status, response.text).toBe(401);
    expect(response.json?.error.code).toBe('invalid_signature');
    expect(await receivedWithId(req.id)).toEqual([]);
  });

  it.each(appRoutes)('%s: a wrong content type → 415, no handler ran', async (name, path, type) => {
    const req = await delivery(name, type);
    const response = await send(path, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(response.json?.error.code).toBe('unsupported_media_type');
    expect(await receivedWithId(req.id)).toEqual([]);
  });

  it.each(appRoutes)('%s: GET, HEAD, PUT, PATCH, DELETE and OPTIONS → 405 with Allow: POST', async (_name, path) => {
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await send(path, { method, headers: {} });
      expect([method, response.status, response.allow]).toEqual([method, 405, 'POST']);
      if (method !== 'HEAD') expect(response.json?.error.code).toBe('method_not_allowed');
    }
  });

  it.each(appRoutes)(
    '%s: a redelivery → 200 { duplicate: true }, and the handler ran once',
    async (name, path, type) => {
      const req = await delivery(name, type);
      const first = await send(path, req);
      const second = await send(path, req);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.json).toEqual({ received: true, duplicate: true });
      expect(await receivedWithId(req.id)).toHaveLength(1);
    },
  );

  it('a body over the 1 MiB limit → 413, no handler ran', async () => {
    const req = await delivery('atelio', 'transactions');
    const padded = { ...req, body: req.body!.replace(/}$/, `,"padding":"${'x'.repeat(1024 * 1024)}"}`) };
    const response = await send('/api/webhooks/atelio', padded);
    expect(response.status).toBe(413);
    expect(response.json?.error.code).toBe('payload_too_large');
    expect(await receivedWithId(req.id)).toEqual([]);
  });

  it('an identity event is handled without its personal data reaching the record or the server log', async () => {
    const req = await delivery('atomic', 'identity-synced');
    expect(req.body).toContain('111223333'); // the sample's SSN
    const response = await send('/api/webhooks/atomic', req);
    expect(response.status, response.text).toBe(200);
    expect(await receivedWithId(req.id)).toEqual([
      { route: 'app/atomic', provider: 'atomic', id: req.id, type: 'identity-synced', known: true },
    ]);
    const written = `${await readFile(receivedLog, 'utf8')}${app!.output()}`;
    for (const personal of ['111223333', 'Appleseed', 'janeappleseed@example.com'])
      expect(written).not.toContain(personal);
  });
});

describe('Pages Router route /api/webhooks/atomic-pages (next start)', () => {
  const path = '/api/webhooks/atomic-pages';

  it('a signed delivery → 200 (bodyParser: false keeps the raw bytes), and the typed handler ran once', async () => {
    const req = await delivery('atomic', 'task-status-updated');
    const response = await send(path, req);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ received: true });
    expect(await receivedWithId(req.id)).toEqual([
      {
        route: 'pages/atomic',
        provider: 'atomic',
        id: req.id,
        type: 'task-status-updated',
        known: true,
        detail: { status: 'completed' },
      },
    ]);
  });

  it('a tampered delivery → 401; a wrong content type → 415; no handler ran', async () => {
    const req = await delivery('atomic', 'task-status-updated');
    const tampered = await send(path, tamper(req));
    const wrongType = await send(path, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect([tampered.status, tampered.json?.error.code]).toEqual([401, 'invalid_signature']);
    expect([wrongType.status, wrongType.json?.error.code]).toEqual([415, 'unsupported_media_type']);
    expect(await receivedWithId(req.id)).toEqual([]);
  });

  it('GET → 405 with Allow: POST', async () => {
    const response = await send(path, { method: 'GET', headers: {} });
    expect([response.status, response.allow, response.json?.error.code]).toEqual([405, 'POST', 'method_not_allowed']);
  });

  it('a redelivery → 200 { duplicate: true }, and the handler ran once', async () => {
    const req = await delivery('atomic', 'employment-synced');
    const first = await send(path, req);
    const second = await send(path, req);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual({ received: true, duplicate: true });
    expect(await receivedWithId(req.id)).toHaveLength(1);
  });
});

describe('another configuration: no secrets set, Moneyhub keys pinned with MONEYHUB_JWKS (next start)', () => {
  let bare: NextServer | undefined;
  beforeAll(async () => {
    bare = await startNext({
      ATOMIC_API_SECRET: '',
      ATELIO_WEBHOOK_SECRET: '',
      MONEYHUB_ISSUER: '',
      MONEYHUB_JWKS: JSON.stringify(identity!.keys.jwks),
      FINHOOKS_RECEIVED_LOG: receivedLog,
    });
  });
  afterAll(() => bare?.stop());

  it('a route whose secret is not set refuses to run with the public development default', async () => {
    // Signed with the development default, which would pass had the route fallen back to it.
    const forged = await createTestRequest(atomic({ secret: 'dev-atomic-secret' }), 'task-status-updated');
    const response = await send('/api/webhooks/atomic', forged, bare!.url);
    expect(response.status).toBe(500);
    await vi.waitFor(() => expect(bare!.output()).toContain('ATOMIC_API_SECRET is not set'), { timeout: 5_000 });
    expect(await receivedWithId(forged.headers['ce-id']!)).toEqual([]);
  });

  it('Moneyhub deliveries are verified against the pinned key set (default issuer)', async () => {
    const signer = moneyhub({ jwks: { keys: [] } });
    const good = await moneyhubDelivery(signer, 'paymentCompleted', identity!.keys);
    const forged = await moneyhubDelivery(signer, 'paymentCompleted', await createMoneyhubTestKeys());
    expect((await send('/api/webhooks/moneyhub', good, bare!.url)).status).toBe(200);
    expect((await send('/api/webhooks/moneyhub', forged, bare!.url)).status).toBe(401);
    expect(await receivedWithId(good.id)).toEqual([
      { route: 'app/moneyhub', provider: 'moneyhub', id: good.id, type: 'paymentCompleted', known: true },
    ]);
  });
});
