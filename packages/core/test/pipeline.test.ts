import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  atelio,
  atomic,
  createWebhooks,
  defineProvider,
  type ErrorContext,
  HandlerError,
  handleRequest,
  LeaseLostError,
  SignatureVerificationError,
  type IdempotencyStore,
  memoryStore,
  type WebhookEvent,
} from '../src/index.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atelioSignatureHeader, atomicSignature } from './support/sign.js';

/**
 * The bad-input matrix of the pipeline, end to end through handleRequest with real signatures:
 * each failure answers its status and runs no handler.
 */
const SECRET = 'whsec_pipeline_test_secret_0123456789';
const transactions = sampleBody('atelio', 'transactions')!;
const signed = (body: string, headers: Record<string, string> = {}) =>
  rawPost(body, { 'bond-signature': atelioSignatureHeader(body, SECRET), ...headers });
let sequence = 0;
/** The sample transaction as a new event: Atelio de-duplicates on event + occurred_at. */
const fresh = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...transactions,
    occurred_at: new Date(Date.UTC(2024, 0, 1) + sequence++).toISOString(),
    ...overrides,
  });

function setup(options: { store?: IdempotencyStore; bodyLimit?: number } = {}) {
  const handler = vi.fn();
  const errors: Array<[Error, ErrorContext]> = [];
  const hooks = createWebhooks({
    provider: atelio({ secret: SECRET }),
    on: { '*': handler },
    onError: (error, context) => void errors.push([error, context]),
    ...options,
  });
  return { hooks, handler, errors };
}

describe('handleRequest: refused before the body is trusted', () => {
  it.each(['GET', 'PUT', 'DELETE', 'OPTIONS'])('answers %s with 405 and Allow: POST', async (method) => {
    const { hooks, handler } = setup();
    const response = await handleRequest(hooks, rawPost('', {}, method));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['', 415],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
    ['application/cloudevents+json', 200],
  ])('answers content type "%s" with %i', async (contentType, status) => {
    const { hooks } = setup();
    const body = fresh();
    const response = await handleRequest(hooks, signed(body, { 'content-type': contentType }));
    expect(response.status).toBe(status);
  });

  it('answers 413 for a body over the limit, by declared length or by size', async () => {
    const { hooks, handler } = setup({ bodyLimit: 512 });
    const big = fresh({ padding: 'x'.repeat(1024) });
    const declared = await handleRequest(hooks, signed(big, { 'content-length': String(Buffer.byteLength(big)) }));
    const undeclared = await handleRequest(hooks, signed(big));
    expect([declared.status, undeclared.status]).toEqual([413, 413]);
    expect(json(declared).error?.code).toBe('payload_too_large');
    expect(handler).not.toHaveBeenCalled();
  });

  it('reads nothing from an unsigned body: malformed JSON without a signature is a 401', async () => {
    const { hooks } = setup();
    const response = await handleRequest(hooks, rawPost('{not json'));
    expect(response.status).toBe(401);
  });
});

describe('handleRequest: custom verifiers', () => {
  /** A verifier returning a thenable that is not a native Promise (another promise library). */
  const thenableProvider = (outcome: 'accept' | 'reject') =>
    defineProvider({
      name: 'custom',
      catalog: {},
      verify: () => ({
        then(resolve: (value: unknown) => void, reject: (error: unknown) => void) {
          setTimeout(() =>
            outcome === 'accept'
              ? resolve({ ok: true })
              : reject(new SignatureVerificationError('invalid_signature', 'nope')),
          );
        },
      }),
      identify: () => ({ type: 'ping', id: `id-${sequence++}` }),
    });

  it.each([
    ['accept', 200, 1],
    ['reject', 401, 0],
  ] as const)('awaits a non-native thenable that would %s (%i)', async (outcome, status, calls) => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: thenableProvider(outcome), on: { '*': handler } });
    const response = await handleRequest(hooks, rawPost('{"type":"ping"}'));
    expect(response.status).toBe(status);
    expect(handler).toHaveBeenCalledTimes(calls);
  });
});

describe('handleRequest: verified but unusable bodies answer 400', () => {
  it.each([
    ['malformed JSON', '{"event": "transactions",', 'malformed_body'],
    ['an empty body', '', 'empty_body'],
    ['a JSON array', '[1,2,3]', 'malformed_body'],
    ['JSON null', 'null', 'malformed_body'],
  ])('%s', async (_name, body, code) => {
    const { hooks, handler } = setup();
    const response = await handleRequest(hooks, signed(body));
    expect(response.status).toBe(400);
    expect(json(response).error?.code).toBe(code);
    expect(handler).not.toHaveBeenCalled();
  });

  it('a known type that does not match its schema, naming the field but not the value', async () => {
    const { hooks, handler, errors } = setup();
    const body = fresh({ transaction: { ...(transactions.transaction as object), amount: 98765.43 } });
    const response = await handleRequest(hooks, signed(body));
    expect(response.status).toBe(400);
    expect(json(response).error).toMatchObject({
      code: 'invalid_payload',
      message: expect.stringContaining('transaction.amount'),
    });
    expect(response.body).not.toContain('98765');
    expect(errors[0]![1]).toMatchObject({ status: 400, code: 'invalid_payload', eventType: 'transactions' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('never puts personal data in a schema error (Atomic identity with a bad SSN type)', async () => {
    const secret = 'atomic-secret';
    const handler = vi.fn();
    const errors: Error[] = [];
    const hooks = createWebhooks({
      provider: atomic({ secret }),
      on: { '*': handler },
      onError: (e) => void errors.push(e),
    });
    const identity = sampleBody('atomic', 'identity-synced')!;
    const data = identity.data as { identity: Record<string, unknown> };
    const body = JSON.stringify({
      ...identity,
      data: { ...data, identity: { ...data.identity, ssn: 987654321, email: 7 } },
    });
    const response = await handleRequest(
      hooks,
      rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, secret) }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('data.identity.ssn');
    expect(response.body).not.toContain('987654321');
    expect(response.body).not.toContain('Appleseed');
    expect(JSON.stringify(errors.map((e) => ({ ...e, message: e.message })))).not.toContain('987654321');
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('handleRequest: routing, de-duplication and retries', () => {
  it('answers 200 to an unknown type and routes it to onAny and matching wildcards only', async () => {
    const exact = vi.fn();
    const cardWildcard = vi.fn();
    const kycWildcard = vi.fn();
    const any = vi.fn();
    const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
    hooks.onEvent('card.created', exact);
    hooks.onEvent('card.*', cardWildcard);
    hooks.onEvent('kyc.*', kycWildcard);
    hooks.onAny(any);
    const body = JSON.stringify({
      event: 'card.status.frozen',
      occurred_at: '2024-01-01T00:00:00Z',
      card: { card_id: 'c' },
    });
    const response = await handleRequest(hooks, signed(body));
    expect(response.status).toBe(200);
    expect(exact).not.toHaveBeenCalled();
    expect(kycWildcard).not.toHaveBeenCalled();
    expect(cardWildcard).toHaveBeenCalledOnce();
    expect(any).toHaveBeenCalledOnce();
    const event = any.mock.calls[0]![0] as WebhookEvent;
    expect(event).toMatchObject({ type: 'card.status.frozen', known: false, payload: JSON.parse(body) });
  });

  it('runs handlers once for a duplicate delivery and answers it 200 { duplicate: true }', async () => {
    const { hooks, handler } = setup();
    const body = fresh();
    const first = await handleRequest(hooks, signed(body));
    const second = await handleRequest(hooks, signed(body));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(json(second)).toEqual({ received: true, duplicate: true });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('answers 500 when a handler fails, runs the other handlers, and processes the retry', async () => {
    const { hooks, errors } = setup();
    const ok = vi.fn();
    let fail = true;
    hooks.onEvent('transactions', ok);
    hooks.onEvent('transactions', () => {
      if (fail) throw new Error('database down for 123-45-6789');
    });
    const body = fresh();
    const failed = await handleRequest(hooks, signed(body));
    expect(failed.status).toBe(500);
    expect(json(failed).error?.code).toBe('handler_failed');
    expect(failed.body).not.toContain('123-45-6789');
    expect(ok).toHaveBeenCalledOnce();
    expect(errors[0]![1]).toMatchObject({ status: 500, code: 'handler_failed', eventType: 'transactions' });
    expect(errors[0]![0]).toBeInstanceOf(HandlerError);
    expect((errors[0]![0] as HandlerError).errors).toHaveLength(1);

    fail = false;
    const retried = await handleRequest(hooks, signed(body));
    expect(retried.status).toBe(200);
    expect(ok).toHaveBeenCalledTimes(2);
    expect(json(await handleRequest(hooks, signed(body))).duplicate).toBe(true);
  });

  it('answers 409 to a redelivery that arrives while the first is still running', async () => {
    const { hooks } = setup();
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    hooks.onEvent('transactions', () => running);
    const body = fresh();
    const first = handleRequest(hooks, signed(body));
    await new Promise((resolve) => setImmediate(resolve));
    const concurrent = await handleRequest(hooks, signed(body));
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers['retry-after']).toBeDefined();
    release();
    expect((await first).status).toBe(200);
  });

  it('answers 503 when the store is down, so a retrying provider retries', async () => {
    const down: IdempotencyStore = {
      leaseTtl: 60_000,
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.resolve('completed'),
      release: () => Promise.resolve('released'),
      extend: () => Promise.resolve('extended'),
    };
    const { hooks, handler } = setup({ store: down });
    const response = await handleRequest(hooks, signed(fresh()));
    expect(response.status).toBe(503);
    expect(json(response).error?.code).toBe('store_unavailable');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 200 when marking done fails after the handlers ran (a 5xx would run them twice)', async () => {
    const inner = memoryStore();
    const flaky: IdempotencyStore = { ...inner, complete: () => Promise.reject(new Error('lost')) };
    const { hooks, handler, errors } = setup({ store: flaky });
    const response = await handleRequest(hooks, signed(fresh()));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(errors[0]![1]).toMatchObject({ status: 200 });
  });

  it('keeps the claim of a handler that outlives the lease: a redelivery meanwhile gets 409, not a second run', async () => {
    const { hooks, handler, errors } = setup({ store: memoryStore({ leaseTtl: 60 }) });
    hooks.onEvent('transactions', () => sleep(400));
    const body = fresh();
    const first = handleRequest(hooks, signed(body));
    await sleep(250);
    expect((await handleRequest(hooks, signed(body))).status).toBe(409);
    expect((await first).status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(errors.map(([, context]) => context.code)).toEqual(['delivery_in_progress']);
    expect(json(await handleRequest(hooks, signed(body))).duplicate).toBe(true);
  });

  it('answers 200 and reports lease_lost when the lease expired and another delivery took it while the handlers ran', async () => {
    const inner = memoryStore({ leaseTtl: 60 });
    // The first delivery's instance cannot reach the store while its handler runs (a network
    // partition): its lease is not extended. The redelivery's instance reaches it.
    let firstToken: string | undefined;
    const partitioned: IdempotencyStore = {
      ...inner,
      claim: async (key) => {
        const claim = await inner.claim(key);
        if (claim.status === 'claimed') firstToken ??= claim.token;
        return claim;
      },
      extend: (key, token) =>
        token === firstToken ? Promise.reject(new Error('ETIMEDOUT')) : inner.extend(key, token),
    };
    const { hooks, handler, errors } = setup({ store: partitioned });
    let second!: () => void;
    const secondRunning = new Promise<void>((resolve) => (second = resolve));
    let calls = 0;
    hooks.onEvent('transactions', () => (++calls === 1 ? sleep(200) : secondRunning));
    const body = fresh();
    const first = handleRequest(hooks, signed(body));
    await sleep(120);
    const redelivery = handleRequest(hooks, signed(body));
    const firstResponse = await first;
    expect(firstResponse.status).toBe(200);
    expect(json(firstResponse).duplicate).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBeInstanceOf(LeaseLostError);
    expect(errors[0]![0].message).not.toContain(body);
    expect(errors[0]![1]).toMatchObject({ status: 200, code: 'lease_lost', eventType: 'transactions' });
    // The redelivery's claim was left alone: it still holds the key, and decides.
    expect((await handleRequest(hooks, signed(body))).status).toBe(409);
    second();
    expect((await redelivery).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(json(await handleRequest(hooks, signed(body))).duplicate).toBe(true);
  });

  it('passes the payload with its values kept, extra fields included', async () => {
    const { hooks, handler } = setup();
    const body = fresh({ new_field_from_2030: { nested: [1, 2] } });
    await handleRequest(hooks, signed(body));
    expect(handler.mock.calls[0]![0].payload).toEqual(JSON.parse(body));
  });
});

describe('queue mode', () => {
  it('enqueues the verified event instead of running handlers, and answers 200', async () => {
    const queued: WebhookEvent[] = [];
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      on: { '*': handler },
      queue: { enqueue: async (event) => void queued.push(event) },
    });
    const body = fresh();
    expect((await handleRequest(hooks, signed(body))).status).toBe(200);
    expect(handler).not.toHaveBeenCalled();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ type: 'transactions', known: true, payload: JSON.parse(body) });
    await hooks.receive(queued[0]!);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('answers 503 and releases the claim when the queue refuses, so the retry is accepted', async () => {
    let up = false;
    const queued: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      queue: {
        enqueue: async (event) => {
          if (!up) throw new Error('redis down');
          queued.push(event);
        },
      },
      onError: () => undefined,
    });
    const body = fresh();
    const refused = await handleRequest(hooks, signed(body));
    expect(refused.status).toBe(503);
    expect(json(refused).error?.code).toBe('queue_unavailable');
    up = true;
    expect((await handleRequest(hooks, signed(body))).status).toBe(200);
    expect(queued).toHaveLength(1);
  });
});

describe('createWebhooks', () => {
  it('refuses a nonsensical body limit', () => {
    expect(() => createWebhooks({ provider: atelio({ secret: SECRET }), bodyLimit: 0 })).toThrow(/bodyLimit/);
  });

  it('unsubscribes handlers registered with onEvent, several patterns at once', async () => {
    const { hooks } = setup();
    const handler = vi.fn();
    const off = hooks.onEvent(['transactions', 'trans*'], handler);
    await handleRequest(hooks, signed(fresh()));
    off();
    await handleRequest(hooks, signed(fresh()));
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('logs server-side failures without an onError, and nothing personal', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const hooks = createWebhooks({ provider: atelio({ secret: SECRET }) });
      hooks.onAny(() => {
        throw new Error('ssn 123-45-6789');
      });
      await handleRequest(hooks, signed(fresh()));
      await handleRequest(hooks, rawPost('{}'));
      expect(log).toHaveBeenCalledOnce();
      expect(String(log.mock.calls[0]![0])).toMatch(/handler failed/);
      expect(String(log.mock.calls[0]![0])).not.toContain('123-45-6789');
    } finally {
      log.mockRestore();
    }
  });
});

describe('lease heartbeat', () => {
  it('never spins on a store whose lease is too long for a timer', async () => {
    const inner = memoryStore();
    let extensions = 0;
    const forever: IdempotencyStore = {
      ...inner,
      leaseTtl: Number.POSITIVE_INFINITY,
      extend: (key, token) => {
        extensions++;
        return inner.extend(key, token);
      },
    };
    const { hooks } = setup({ store: forever });
    hooks.onEvent('transactions', () => sleep(50));
    expect((await handleRequest(hooks, signed(fresh()))).status).toBe(200);
    expect(extensions).toBe(0);
  });

  it('extends every third of the lease while a handler runs, and stops once it returned', async () => {
    const inner = memoryStore({ leaseTtl: 90 });
    let extensions = 0;
    const counting: IdempotencyStore = {
      ...inner,
      extend: (key, token) => {
        extensions++;
        return inner.extend(key, token);
      },
    };
    const { hooks } = setup({ store: counting });
    hooks.onEvent('transactions', () => sleep(320));
    expect((await handleRequest(hooks, signed(fresh()))).status).toBe(200);
    expect(extensions).toBeGreaterThanOrEqual(3);
    expect(extensions).toBeLessThanOrEqual(11);
    const after = extensions;
    await sleep(150);
    expect(extensions).toBe(after);
  });
});
