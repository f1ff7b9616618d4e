/** Atomic deliveries to the running app: real HTTP, signed with the app's secret as Atomic signs. */
import { randomUUID } from 'node:crypto';
import { atomic } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp, TEST_SECRETS } from './support/app.js';
import { send, tamper } from './support/http.js';

const signer = atomic({ secret: TEST_SECRETS.atomic });
const signed = (type: 'task-status-updated' | 'identity-synced', id = `test-${randomUUID()}`) =>
  createTestRequest(signer, type, {}, { headers: { 'ce-id': id } });

let app: RunningApp;
let url: string;
beforeAll(async () => {
  app = await startApp();
  url = `${app.url}/webhooks/atomic`;
});
afterAll(() => app?.stop());

describe('POST /webhooks/atomic', () => {
  it('a signed task-status-updated → 200, and the typed handler printed it', async () => {
    const req = await signed('task-status-updated', 'atomic-task-1');
    const answer = await send(url, req);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ received: true });
    await vi.waitFor(() => expect(app.output()).toMatch(/\[atomic\] task-status-updated id=atomic-task-1 task=\S+ status=completed/));
  });

  it('an identity event → 200, and none of its personal fields printed', async () => {
    const req = await signed('identity-synced', 'atomic-identity-1');
    expect(req.body).toContain('111223333'); // the sample's SSN
    expect((await send(url, req)).status).toBe(200);
    await vi.waitFor(() => expect(app.output()).toContain('[atomic] identity-synced id=atomic-identity-1'));
    for (const personal of ['111223333', 'Appleseed']) expect(app.output()).not.toContain(personal);
  });

  it('tampered, unsigned or signed with another secret → 401, and no handler ran', async () => {
    const req = await signed('task-status-updated', 'atomic-refused');
    const other = await createTestRequest(atomic({ secret: 'not-the-secret' }), 'task-status-updated', {}, { headers: { 'ce-id': 'atomic-refused' } });
    for (const delivery of [tamper(req), { headers: { 'content-type': 'application/json' }, body: req.body }, other]) {
      const answer = await send(url, delivery);
      expect(answer.status, answer.text).toBe(401);
      expect(answer.json?.error.code).toMatch(/^(invalid|missing)_signature$/);
    }
    expect(app.output()).not.toContain('id=atomic-refused');
  });

  it('a redelivery → 200 { duplicate: true }, handled once', async () => {
    const req = await signed('task-status-updated', 'atomic-redelivered');
    expect((await send(url, req)).status).toBe(200);
    expect((await send(url, req)).json).toEqual({ received: true, duplicate: true });
    await vi.waitFor(() => expect(app.output()).toContain('id=atomic-redelivered'));
    expect(app.output().split('id=atomic-redelivered').length - 1).toBe(1);
  });

  it('a wrong content type → 415; GET → 405 with Allow: POST', async () => {
    const req = await signed('task-status-updated');
    expect((await send(url, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } })).status).toBe(415);
    const get = await fetch(url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
