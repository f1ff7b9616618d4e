import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createWebhooks, defineProvider, handleRequest, headerValue, standardWebhooksVerifier, stringField } from '../../src/index.js';
import { json, rawPost } from '../support/request.js';

/** A provider defined by a user, verified with the Standard Webhooks scheme; signatures come from the `standardwebhooks` package. */
const SECRET = `whsec_${Buffer.from('a 24-byte secret for test').toString('base64')}`;
const signer = new Webhook(SECRET);

const acme = defineProvider({
  name: 'acme',
  catalog: {
    'invoice.paid': z.looseObject({ type: z.literal('invoice.paid'), data: z.looseObject({ amount: z.number() }) }),
  },
  verify: standardWebhooksVerifier({ provider: 'acme', secrets: [`whsec_${Buffer.from('another 16+ byte secret').toString('base64')}`, SECRET] }),
  identify: (body, request) => ({
    type: stringField(body, 'type') ?? 'unknown',
    id: headerValue(request.headers, 'webhook-id') ?? 'none',
  }),
});

function delivery(body: string, id = 'msg_1', at = new Date()) {
  return rawPost(body, {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(id, at, body),
  });
}

describe('standardWebhooksVerifier (vectors from the standardwebhooks package)', () => {
  const body = JSON.stringify({ type: 'invoice.paid', data: { amount: 1200 } });

  it('accepts a delivery signed by the reference implementation and routes it, typed', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: acme, on: { 'invoice.paid': handler } });
    const response = await handleRequest(hooks, delivery(body));
    expect(response.status).toBe(200);
    expect(handler.mock.calls[0]![0]).toMatchObject({ provider: 'acme', id: 'msg_1', type: 'invoice.paid', payload: { data: { amount: 1200 } } });
  });

  it('accepts one valid signature among several (key rotation)', async () => {
    const hooks = createWebhooks({ provider: acme });
    const request = delivery(body);
    const headers = { ...request.headers, 'webhook-signature': `v1,bm9wZQ== ${request.headers['webhook-signature']}` };
    expect((await handleRequest(hooks, { ...request, headers })).status).toBe(200);
  });

  it.each([
    ['a tampered body', (r: ReturnType<typeof delivery>) => ({ ...r, rawBody: Buffer.from(body.replace('1200', '9999')) }), 'invalid_signature'],
    ['another message id', (r: ReturnType<typeof delivery>) => ({ ...r, headers: { ...r.headers, 'webhook-id': 'msg_2' } }), 'invalid_signature'],
    ['no signature header', (r: ReturnType<typeof delivery>) => ({ ...r, headers: { 'content-type': 'application/json' } }), 'missing_signature'],
  ])('refuses %s with 401', async (_name, mutate, code) => {
    const hooks = createWebhooks({ provider: acme });
    const response = await handleRequest(hooks, mutate(delivery(body)));
    expect(response.status).toBe(401);
    expect(json(response).error?.code).toBe(code);
  });

  it('refuses a timestamp outside 5 minutes either way', async () => {
    const hooks = createWebhooks({ provider: acme });
    const stale = await handleRequest(hooks, delivery(body, 'old', new Date(Date.now() - 6 * 60_000)));
    const future = await handleRequest(hooks, delivery(body, 'new', new Date(Date.now() + 6 * 60_000)));
    expect([json(stale).error?.code, json(future).error?.code]).toEqual(['timestamp_out_of_range', 'timestamp_out_of_range']);
  });
});
