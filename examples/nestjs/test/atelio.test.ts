/** Atelio deliveries to the running app: real HTTP, `Bond-Signature` v2 with the app's secret. */
import { randomUUID } from 'node:crypto';
import { atelio } from '@finhooks/core';
import { createTestRequest, eventIdOf } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp, TEST_SECRETS } from './support/app.js';
import { send, tamper } from './support/http.js';

const signer = atelio({ secret: TEST_SECRETS.atelio });

let app: RunningApp;
let url: string;
beforeAll(async () => {
  app = await startApp();
  url = `${app.url}/webhooks/atelio`;
});
afterAll(() => app?.stop());

describe('POST /webhooks/atelio', () => {
  it('a signed transactions event → 200, and the typed handler printed it', async () => {
    const occurredAt = `2030-01-01T00:00:00.000001+00:00`;
    const req = await createTestRequest(signer, 'transactions', { occurred_at: occurredAt });
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    const line = `[atelio] transactions id=${await eventIdOf(signer, req)}`;
    await vi.waitFor(() => expect(app.output()).toContain(line));
  });

  it('tampered or signed with another secret → 401, and no handler ran', async () => {
    const marker = `refused-${randomUUID()}`;
    const good = await createTestRequest(signer, 'card.created', { occurred_at: marker });
    const other = await createTestRequest(atelio({ secret: 'whsec_not_the_secret' }), 'card.created', { occurred_at: marker });
    for (const delivery of [tamper(good), other]) {
      const answer = await send(url, delivery);
      expect(answer.status, answer.text).toBe(401);
      expect(answer.json?.error.code).toBe('invalid_signature');
    }
    expect(app.output()).not.toContain(marker);
  });

  it('a redelivery → 200 { duplicate: true }, handled once; an unknown event type → 200', async () => {
    const req = await createTestRequest(signer, 'card.status.active', { occurred_at: 'redelivered' });
    const id = `id=${await eventIdOf(signer, req)}`;
    expect((await send(url, req)).status).toBe(200);
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await vi.waitFor(() => expect(app.output()).toContain(id));
    expect(app.output().split(id).length - 1).toBe(1);

    const unknown = await createTestRequest(signer, 'card.status.frozen', { event: 'card.status.frozen' });
    expect((await send(url, unknown)).status).toBe(200);
  });

  it('a wrong content type → 415; GET → 405', async () => {
    const req = await createTestRequest(signer, 'card.created');
    expect((await send(url, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await fetch(url)).status).toBe(405);
  });
});
