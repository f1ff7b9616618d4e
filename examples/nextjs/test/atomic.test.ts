/**
 * Atomic, end to end: the app built by `next build`, served by `next start` on a free port, receiving
 * real signed deliveries on the App Router route and on the Pages Router one.
 */
import { atomic } from '@finhooks/core';
import { createTestRequest, eventIdOf } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { send, startTestApp, tamper, type TestApp, TEST_SECRETS } from './support/deliveries';
import { itBehavesAsAWebhookRoute } from './support/route-suite';

const signer = atomic({ secret: TEST_SECRETS.atomic });

// Atomic events are identified by their signed body (type, entity ids, eventTime), never the unsigned
// ce-id header: each call gets its own eventTime, so its own event.
let clock = Date.UTC(2030, 0, 1);
async function signed(type: 'task-status-updated' | 'identity-synced' | 'employment-synced') {
  const req = await createTestRequest(signer, type, { eventTime: new Date((clock += 1000)).toISOString() });
  return { headers: req.headers, body: req.body, id: await eventIdOf(signer, req) };
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('App Router: POST /api/webhooks/atomic (next start)', () => {
  itBehavesAsAWebhookRoute(() => app, {
    provider: 'atomic',
    path: '/api/webhooks/atomic',
    route: 'app/atomic',
    type: 'task-status-updated',
    detail: { status: 'completed' },
    signed: () => signed('task-status-updated'),
    forged: async () => tamper(await signed('task-status-updated')),
  });

  it('an identity event is handled without its personal data reaching the record or the server log', async () => {
    const req = await signed('identity-synced');
    expect(req.body).toContain('111223333'); // the sample's SSN
    const response = await send(`${app.server.url}/api/webhooks/atomic`, req);
    expect(response.status, response.text).toBe(200);
    expect(await app.receivedWithId(req.id)).toEqual([{ route: 'app/atomic', provider: 'atomic', id: req.id, type: 'identity-synced', known: true }]);
    const written = `${await app.receivedText()}${app.server.output()}`;
    for (const personal of ['111223333', 'Appleseed', 'janeappleseed@example.com']) expect(written).not.toContain(personal);
  });
});

describe('Pages Router: POST /api/webhooks/atomic-pages (next start)', () => {
  const url = () => `${app.server.url}/api/webhooks/atomic-pages`;

  it('a signed delivery → 200 (bodyParser: false keeps the raw bytes), and the typed handler ran once', async () => {
    const req = await signed('task-status-updated');
    const response = await send(url(), req);
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ received: true });
    expect(await app.receivedWithId(req.id)).toEqual([
      { route: 'pages/atomic', provider: 'atomic', id: req.id, type: 'task-status-updated', known: true, detail: { status: 'completed' } },
    ]);
  });

  it('a tampered delivery → 401; a wrong content type → 415; no handler ran', async () => {
    const req = await signed('task-status-updated');
    const tampered = await send(url(), tamper(req));
    const wrongType = await send(url(), { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect([tampered.status, tampered.json?.error.code]).toEqual([401, 'invalid_signature']);
    expect([wrongType.status, wrongType.json?.error.code]).toEqual([415, 'unsupported_media_type']);
    expect(await app.receivedWithId(req.id)).toEqual([]);
  });

  it('GET → 405 with Allow: POST', async () => {
    const response = await send(url(), { method: 'GET', headers: {} });
    expect([response.status, response.allow, response.json?.error.code]).toEqual([405, 'POST', 'method_not_allowed']);
  });

  it('a redelivery → 200 { duplicate: true }, and the handler ran once', async () => {
    const req = await signed('employment-synced');
    const first = await send(url(), req);
    const second = await send(url(), req);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual({ received: true, duplicate: true });
    expect(await app.receivedWithId(req.id)).toHaveLength(1);
  });
});

describe('without ATOMIC_API_SECRET (next start)', () => {
  let bare: TestApp | undefined;
  beforeAll(async () => {
    bare = await startTestApp({ ATOMIC_API_SECRET: '' });
  });
  afterAll(() => bare?.stop());

  it('the route refuses to run with the public development default', async () => {
    // Signed with the development default, which would pass had the route fallen back to it.
    const developmentDefault = atomic({ secret: 'dev-atomic-secret' });
    const forged = await createTestRequest(developmentDefault, 'task-status-updated');
    const response = await send(`${bare!.server.url}/api/webhooks/atomic`, { headers: forged.headers, body: forged.body });
    expect(response.status).toBe(500);
    await vi.waitFor(() => expect(bare!.server.output()).toContain('ATOMIC_API_SECRET is not set'), { timeout: 5_000 });
    expect(await bare!.receivedWithId(await eventIdOf(developmentDefault, forged))).toEqual([]);
  });
});
