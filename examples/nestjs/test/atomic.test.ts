/** Atomic deliveries to the running app: real HTTP, signed with the app's secret as Atomic signs. */
import { atomic } from '@finhooks/core';
import { createTestRequest, eventIdOf, type TestRequest } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp, TEST_SECRETS } from './support/app.js';
import { send, tamper } from './support/http.js';

const signer = atomic({ secret: TEST_SECRETS.atomic });
// An Atomic event is identified by its signed body (type, entity ids, eventTime), never by the
// unsigned ce-id header: a distinct eventTime makes a distinct event.
let clock = Date.UTC(2030, 0, 1);
const signed = (type: 'task-status-updated' | 'identity-synced') =>
  createTestRequest(signer, type, { eventTime: new Date((clock += 1000)).toISOString() });
const idOf = (req: TestRequest) => eventIdOf(signer, req);

let app: RunningApp;
let url: string;
beforeAll(async () => {
  app = await startApp();
  url = `${app.url}/webhooks/atomic`;
});
afterAll(() => app?.stop());

describe('POST /webhooks/atomic', () => {
  it('a signed task-status-updated → 200, and the typed handler printed it', async () => {
    const req = await signed('task-status-updated');
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ received: true });
    const line = `[atomic] task-status-updated id=${await idOf(req)} task=`;
    await vi.waitFor(() => expect(app.output()).toContain(line));
    expect(app.output().split(line)[1]).toMatch(/^\S+ status=completed/);
  });

  it('an identity event → 200, and none of its personal fields printed', async () => {
    const req = await signed('identity-synced');
    expect(req.body).toContain('111223333'); // the sample's SSN
    expect((await send(url, req)).status).toBe(200);
    const line = `[atomic] identity-synced id=${await idOf(req)}`;
    await vi.waitFor(() => expect(app.output()).toContain(line));
    for (const personal of ['111223333', 'Appleseed']) expect(app.output()).not.toContain(personal);
  });

  it('tampered, unsigned or signed with another secret → 401, and no handler ran', async () => {
    const req = await signed('task-status-updated');
    const other = await createTestRequest(atomic({ secret: 'not-the-secret-at-all' }), 'task-status-updated', { eventTime: '2031-01-01T00:00:00Z' });
    for (const delivery of [tamper(req), { headers: { 'content-type': 'application/json' }, body: req.body }, other]) {
      const answer = await send(url, delivery);
      expect(answer.status, answer.text).toBe(401);
      expect(answer.json?.error.code).toMatch(/^(invalid|missing)_signature$/);
    }
    expect(app.output()).not.toContain(`id=${await idOf(req)}`);
    expect(app.output()).not.toContain(`id=${await eventIdOf(atomic({ secret: 'not-the-secret-at-all' }), other)}`);
  });

  it('a redelivery → 200 { duplicate: true }, handled once', async () => {
    const req = await signed('task-status-updated');
    const id = `id=${await idOf(req)}`;
    expect((await send(url, req)).status).toBe(200);
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await vi.waitFor(() => expect(app.output()).toContain(id));
    expect(app.output().split(id).length - 1).toBe(1);
  });

  it('a wrong content type → 415; GET → 405 with Allow: POST', async () => {
    const req = await signed('task-status-updated');
    expect((await send(url, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } })).status).toBe(415);
    const get = await fetch(url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
