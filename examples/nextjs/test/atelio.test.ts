/** Atelio, end to end: `Bond-Signature` v2 deliveries to the built app under `next start`. */
import { randomUUID } from 'node:crypto';
import { atelio } from '@finhooks/core';
import { createTestRequest, eventIdOf } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startTestApp, tamper, type TestApp, TEST_SECRETS } from './support/deliveries';
import { itBehavesAsAWebhookRoute } from './support/route-suite';

const signer = atelio({ secret: TEST_SECRETS.atelio });

async function signed(type: 'transactions' | 'card.created') {
  const occurredAt = `${new Date().toISOString()}#${randomUUID()}`;
  const req = await createTestRequest(signer, type, { occurred_at: occurredAt });
  return { headers: req.headers, body: req.body, id: await eventIdOf(signer, req) };
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('App Router: POST /api/webhooks/atelio (next start)', () => {
  itBehavesAsAWebhookRoute(() => app, {
    provider: 'atelio',
    path: '/api/webhooks/atelio',
    route: 'app/atelio',
    type: 'transactions',
    detail: { paymentType: 'ach' },
    signed: () => signed('transactions'),
    forged: async () => tamper(await signed('transactions')),
  });

  it('a body over the 1 MiB limit → 413, no handler ran', async () => {
    const req = await signed('transactions');
    const padded = { ...req, body: req.body.replace(/}$/, `,"padding":"${'x'.repeat(1024 * 1024)}"}`) };
    const response = await send(`${app.server.url}/api/webhooks/atelio`, padded);
    expect(response.status).toBe(413);
    expect(response.json?.error.code).toBe('payload_too_large');
    expect(await app.receivedWithId(req.id)).toEqual([]);
  });
});
