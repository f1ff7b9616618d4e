/**
 * The App Router handlers called the way Next.js calls them: with a real Web `Request` (Node's
 * undici), answering a real `Response`. The real Next.js server is exercised end to end by
 * examples/nextjs/test/e2e.test.ts.
 */
import { createHmac } from 'node:crypto';
import { ATELIO_SECRET, ATOMIC_SECRET, delivery, type ProviderSet, providerSet } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest } from '@finhooks/core/testing';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { webhooks } from '../src/index.js';

type Delivery = { method?: string; headers: Record<string, string>; body: string | ReadableStream<Uint8Array> | null };

function request(init: Delivery): Request {
  const method = init.method ?? 'POST';
  const body = method === 'GET' || method === 'HEAD' ? null : init.body;
  return new Request('http://localhost/api/webhooks', {
    method,
    headers: init.headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

async function answer(response: Response): Promise<{ status: number; allow: string | null; json: any }> {
  const text = await response.text();
  return {
    status: response.status,
    allow: response.headers.get('allow'),
    json: text === '' ? undefined : JSON.parse(text),
  };
}

let set: ProviderSet;
const routes = () => ({ atomic: webhooks(set.atomic), moneyhub: webhooks(set.moneyhub), atelio: webhooks(set.atelio) });
let route: ReturnType<typeof routes>;

beforeAll(async () => {
  set = await providerSet();
  route = routes();
});
afterEach(() => {
  set.received.length = 0;
});

describe('App Router: good deliveries', () => {
  it.each([
    ['atomic', 'task-status-updated'],
    ['atomic', 'identity-synced'],
    ['moneyhub', 'newTransactions'],
    ['moneyhub', 'paymentError'],
    ['atelio', 'transactions'],
    ['atelio', 'card.status.active'],
  ] as const)('%s %s → 200 and the handler receives the validated event', async (name, type) => {
    const req = await delivery(set, name, type);
    const response = await answer(await route[name].POST(request(req)));
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json).toEqual({ received: true });
    expect(set.received).toHaveLength(1);
    const [{ instance, event }] = set.received as [{ instance: string; event: WebhookEvent }];
    expect(instance).toBe(name);
    expect(event).toMatchObject({ provider: name, type, known: true });
    if (name !== 'moneyhub') expect(event.payload).toEqual(JSON.parse(req.body));
  });

  it('a redelivery → 200 { duplicate: true } and the handler ran once', async () => {
    const req = await delivery(set, 'atelio', 'card.created');
    const first = await answer(await route.atelio.POST(request(req)));
    const second = await answer(await route.atelio.POST(request(req)));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual({ received: true, duplicate: true });
    expect(set.received).toHaveLength(1);
  });

  it('a handler failure → 500, and the retry runs the handlers again → 200', async () => {
    let fail = true;
    const flaky = vi.fn(() => {
      if (fail) throw new Error('transient');
    });
    const off = route.atomic.onEvent('task-status-updated', flaky);
    try {
      const req = await delivery(set, 'atomic', 'task-status-updated');
      const failed = await answer(await route.atomic.POST(request(req)));
      expect(failed.status).toBe(500);
      expect(failed.json.error.code).toBe('handler_failed');
      fail = false;
      expect((await route.atomic.POST(request(req))).status).toBe(200);
      expect(flaky).toHaveBeenCalledTimes(2);
    } finally {
      off();
    }
  });
});

describe('App Router: bad input, each refused with its status and no handler run', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const withHeader = (req: Delivery, name: string, value: string) => ({
    ...req,
    headers: { ...req.headers, [name]: value },
  });
  const without = (req: Delivery, name: string) => {
    const { [name]: _, ...headers } = req.headers;
    return { ...req, headers };
  };
  const atelioSigned = (body: string, timestamp = now(), secret = ATELIO_SECRET) => ({
    headers: {
      'content-type': 'application/json',
      'bond-signature': `t=${timestamp},v2=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    },
    body,
  });
  const atomicSigned = (body: string) => ({
    headers: {
      'content-type': 'application/json',
      'x-hmac-signature-sha-256': createHmac('sha256', ATOMIC_SECRET).update(body).digest('hex'),
    },
    body,
  });
  const atelioBody = () => JSON.stringify({ event: 'transactions', occurred_at: new Date().toISOString() });

  const cases: Array<[string, 'atomic' | 'moneyhub' | 'atelio', () => Promise<Delivery>, number, string]> = [
    [
      'missing signature',
      'atelio',
      async () => without(await delivery(set, 'atelio', 'transactions'), 'bond-signature'),
      401,
      'missing_signature',
    ],
    [
      'garbled signature',
      'atomic',
      async () => withHeader(await delivery(set, 'atomic', 'task-status-updated'), 'x-hmac-signature-sha-256', '%%%'),
      401,
      'invalid_signature',
    ],
    [
      'tampered body',
      'atomic',
      async () => {
        const req = await delivery(set, 'atomic', 'task-status-updated');
        return { ...req, body: req.body.replace('"eventType"', '"tampered":true,"eventType"') };
      },
      401,
      'invalid_signature',
    ],
    ['wrong secret', 'atelio', async () => atelioSigned(atelioBody(), now(), 'whsec_wrong'), 401, 'invalid_signature'],
    ['stale timestamp', 'atelio', async () => atelioSigned(atelioBody(), now() - 3600), 401, 'timestamp_out_of_range'],
    [
      'JWT signed by another key',
      'moneyhub',
      async () => {
        const other = await createMoneyhubTestKeys(set.keys.kid);
        return createTestRequest(
          set.moneyhub.provider,
          'newTransactions',
          { id: crypto.randomUUID() },
          { privateKey: other.privateKey, kid: other.kid },
        );
      },
      401,
      'invalid_signature',
    ],
    ['malformed JSON (signed)', 'atelio', async () => atelioSigned('{"event": "transactions",'), 400, 'malformed_body'],
    ['empty body (signed)', 'atomic', async () => atomicSigned(''), 400, 'empty_body'],
    [
      'wrong content type',
      'atelio',
      async () => withHeader(await delivery(set, 'atelio', 'transactions'), 'content-type', 'text/plain'),
      415,
      'unsupported_media_type',
    ],
    [
      'JSON to the JWT endpoint',
      'moneyhub',
      async () => withHeader(await delivery(set, 'moneyhub', 'newTransactions'), 'content-type', 'application/json'),
      415,
      'unsupported_media_type',
    ],
    [
      'declared Content-Length over the limit',
      'atelio',
      async () => withHeader(await delivery(set, 'atelio', 'transactions'), 'content-length', String(64 * 1024 * 1024)),
      413,
      'payload_too_large',
    ],
  ];

  it.each(cases)('%s (%s) → %i', async (_title, name, build, status, code) => {
    const response = await answer(await route[name].POST(request(await build())));
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(set.received).toHaveLength(0);
  });

  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)(
    'the exported %s handler → 405 with Allow: POST',
    async (method) => {
      const req = await delivery(set, 'atelio', 'transactions');
      const response = await answer(await route.atelio[method](request({ ...req, method })));
      expect(response.status).toBe(405);
      expect(response.allow).toBe('POST');
      expect(response.json.error.code).toBe('method_not_allowed');
      expect(set.received).toHaveLength(0);
    },
  );

  it('a delivery sent to the POST handler with another method is refused too (405)', async () => {
    const req = await delivery(set, 'atomic', 'task-status-updated');
    const response = await answer(await route.atomic.POST(request({ ...req, method: 'PUT' })));
    expect([response.status, response.allow]).toEqual([405, 'POST']);
  });

  it('a streamed body over the limit → 413, and the stream is abandoned instead of read to the end', async () => {
    const limit = 64 * 1024;
    const route = webhooks({ provider: atelio({ secret: ATELIO_SECRET }), bodyLimit: limit, onError: () => undefined });
    const handler = vi.fn();
    route.onAny(handler);
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = await delivery(set, 'atelio', 'transactions');
    const response = await answer(await route.POST(request({ headers: req.headers, body })));
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
    expect(handler).not.toHaveBeenCalled();
  });

  it('a body that other code already read is refused, never verified from elsewhere', async () => {
    const req = await delivery(set, 'atelio', 'transactions');
    const consumed = request(req);
    await consumed.text();
    const response = await answer(await route.atelio.POST(consumed));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.json.error.message).toMatch(/already read/);
    expect(set.received).toHaveLength(0);
  });
});

describe('App Router: the returned object', () => {
  it('exposes onEvent/onAny/onError and the instance; options create their own instance', async () => {
    const route = webhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const card = vi.fn();
    const any = vi.fn();
    const errors = vi.fn();
    route.onEvent('card.*', card);
    route.onAny(any);
    route.onError(errors);
    expect(route.webhooks.provider.name).toBe('atelio');

    const good = await createTestRequest(route.webhooks.provider, 'card.created', {
      occurred_at: `${Date.now()}-returned`,
    });
    expect((await route.POST(request(good))).status).toBe(200);
    expect(card).toHaveBeenCalledWith(expect.objectContaining({ type: 'card.created', known: true }));
    expect(any).toHaveBeenCalledTimes(1);

    const bad = { ...good, headers: { ...good.headers, 'bond-signature': 't=1,v2=00' } };
    expect((await route.POST(request(bad))).status).toBe(401);
    expect(errors).toHaveBeenCalledTimes(1);
    const [error, context] = errors.mock.calls[0] as [Error, Record<string, unknown>];
    expect(context).toEqual({ provider: 'atelio', instance: 'atelio', status: 401, code: expect.any(String) });
    expect(error.message).not.toContain(ATELIO_SECRET);
  });

  it('one instance can back several routes: shared handlers and de-duplication', async () => {
    const hooks = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const handler = vi.fn();
    const first = webhooks(hooks);
    const second = webhooks(hooks);
    first.onEvent('transactions', handler);
    expect(first.webhooks).toBe(hooks);
    expect(second.webhooks).toBe(hooks);

    const req = await createTestRequest(hooks.provider, 'transactions', { occurred_at: `${Date.now()}-shared` });
    expect((await first.POST(request(req))).status).toBe(200);
    expect(await answer(await second.POST(request(req)))).toMatchObject({ status: 200, json: { duplicate: true } });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
