import { describe, expect, it } from 'vitest';
import {
  atelio,
  createWebhooks,
  type DeliveryRecord,
  handleRequest,
  UnsupportedMediaTypeError,
  type WebhookEvent,
} from '../src/index.js';
import { refuse } from '../src/adapter.js';
import { stateOf } from '../src/instance.js';
import { sampleBody } from '../src/testing.js';
import { rawPost } from './support/request.js';
import { atelioSignatureHeader } from './support/sign.js';

/** `onDelivery` sees every delivery once, with its outcome, and never a header value or an unverified body. */
const SECRET = 'whsec_pipeline_delivery_secret_0123456789';
const body = JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: '2024-02-01T00:00:00.000Z' });
const signed = (text: string) => rawPost(text, { 'bond-signature': atelioSignatureHeader(text, SECRET) });

function observed(options: Partial<Parameters<typeof createWebhooks>[0]> = {}) {
  const records: DeliveryRecord[] = [];
  const hooks = createWebhooks({
    provider: atelio({ secret: SECRET }),
    name: 'atelio-eu',
    onError: () => undefined,
    ...options,
    onDelivery: (record) => void records.push(record),
  });
  return { hooks, records };
}

describe('onDelivery', () => {
  it('records an accepted delivery with its raw body, then the redelivery as a duplicate', async () => {
    const { hooks, records } = observed({ on: { '*': () => undefined } });
    await handleRequest(hooks, signed(body));
    await handleRequest(hooks, signed(body));
    expect(records).toHaveLength(2);
    const [first, again] = records as [DeliveryRecord, DeliveryRecord];
    expect(first).toMatchObject({
      provider: 'atelio',
      instance: 'atelio-eu',
      status: 200,
      outcome: 'accepted',
      verification: 'passed',
      eventType: 'transactions',
    });
    expect(first.code).toBeUndefined();
    expect(first.eventId).toMatch(/^entity-sha256:/);
    expect(Buffer.from(first.rawBody!).toString('utf8')).toBe(body);
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(first.receivedAt).toBeInstanceOf(Date);
    expect(again).toMatchObject({ status: 200, outcome: 'duplicate', eventId: first.eventId });
  });

  it('records a forged delivery as refused with a failed verification, without its body or the header', async () => {
    const { hooks, records } = observed();
    const forged = rawPost(body, { 'bond-signature': atelioSignatureHeader(body, 'whsec_someone_else_secret_0123456789') });
    const response = await handleRequest(hooks, forged);
    expect(response.status).toBe(401);
    expect(records).toEqual([
      expect.objectContaining({ status: 401, outcome: 'refused', verification: 'failed', code: 'invalid_signature' }),
    ]);
    expect(records[0]).not.toHaveProperty('rawBody');
    expect(records[0]).not.toHaveProperty('eventId');
    expect(JSON.stringify(records[0])).not.toContain(forged.headers['bond-signature'] as string);
  });

  it('records a refusal before verification as not-reached (415), also when an adapter refuses itself', async () => {
    const { hooks, records } = observed();
    await handleRequest(hooks, { ...signed(body), headers: { 'content-type': 'text/plain' } });
    refuse(hooks, new UnsupportedMediaTypeError('text/xml', ['application/json']));
    expect(records.map((r) => [r.status, r.outcome, r.verification, r.code])).toEqual([
      [415, 'refused', 'not-reached', 'unsupported_media_type'],
      [415, 'refused', 'not-reached', 'unsupported_media_type'],
    ]);
  });

  it('records a handler failure as failed (500) after a passed verification, with the event identity', async () => {
    const { hooks, records } = observed({
      on: {
        transactions: () => {
          throw new Error('ledger down');
        },
      },
    });
    expect((await handleRequest(hooks, signed(body))).status).toBe(500);
    expect(records).toEqual([
      expect.objectContaining({
        status: 500,
        outcome: 'failed',
        verification: 'passed',
        code: 'handler_failed',
        eventType: 'transactions',
      }),
    ]);
  });

  it('records inbox deliveries as accepted then duplicate', async () => {
    const stored = new Set<string>();
    const { hooks, records } = observed({
      inbox: {
        accept: async (key: string, _event: WebhookEvent) => (stored.has(key) ? 'duplicate' : (stored.add(key), 'stored')),
      },
    });
    await handleRequest(hooks, signed(body));
    await handleRequest(hooks, signed(body));
    expect(records.map((r) => r.outcome)).toEqual(['accepted', 'duplicate']);
  });

  it('keeps the answer when an observer throws or rejects, and stops calling an unsubscribed one', async () => {
    const { hooks, records } = observed({ on: { '*': () => undefined } });
    hooks.onDelivery(() => {
      throw new Error('audit down');
    });
    const off = hooks.onDelivery(() => Promise.reject(new Error('audit down')));
    expect((await handleRequest(hooks, signed(body))).status).toBe(200);
    off();
    expect(records).toHaveLength(1);
  });

  it('builds no record when nobody observes', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    const observers = stateOf(hooks, 'test').deliveryObservers;
    expect(observers).toHaveLength(0);
    const off = hooks.onDelivery(() => undefined);
    expect(observers).toHaveLength(1);
    off();
    expect(observers).toHaveLength(0);
  });
});
