import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Hundreds of cases per property on a shared, loaded machine: the per-case bound is the real check.
vi.setConfig({ testTimeout: 120_000 });
import { z } from 'zod';
import {
  type AnyProvider,
  createWebhooks,
  defineProvider,
  handleRequest,
  headerValue,
  type RawRequest,
  standardWebhooksVerifier,
  stringField,
  type WebhookResponse,
} from '../../src/index.js';
import { atelio } from '../../src/providers/atelio/index.js';
import { atomic } from '../../src/providers/atomic/index.js';
import { moneyhub } from '../../src/providers/moneyhub/index.js';

/**
 * The whole pipeline on arbitrary requests: `handleRequest` never throws, answers every unsigned
 * request with a 4xx and a JSON `{ error: { code, message } }` body, and never a 2xx; a validly
 * signed request with an arbitrary body is answered 200 or 400, never a 5xx. No handler runs for
 * a refused request. Bounded time per request (generous: a loaded 2-core machine).
 */
const TIME_BOUND_MS = 1000;
const SECRET = 'whsec_pipeline-fuzz';
const SW_KEY = Buffer.from('pipeline fuzzing key, 32 bytes!!');

let providers: { name: string; provider: AnyProvider; contentType: string }[];

beforeAll(async () => {
  const { publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' };
  providers = [
    { name: 'atomic', provider: atomic({ secret: SECRET }), contentType: 'application/json' },
    { name: 'atelio', provider: atelio({ secret: SECRET }), contentType: 'application/json' },
    { name: 'moneyhub', provider: moneyhub({ jwks: { keys: [jwk] }, allowAnyAudience: true }), contentType: 'application/jwt' },
    {
      name: 'acme',
      provider: defineProvider({
        name: 'acme',
        catalog: { 'invoice.paid': z.looseObject({ type: z.literal('invoice.paid'), amount: z.number() }) },
        verify: standardWebhooksVerifier({ provider: 'acme', secrets: `whsec_${SW_KEY.toString('base64')}` }),
        identify: (body, request) => ({
          type: stringField(body, 'type') ?? 'unknown',
          id: headerValue(request.headers, 'webhook-id') ?? 'none',
        }),
      }),
      contentType: 'application/json',
    },
  ];
});

const signatureHeaders = [
  'x-hmac-signature-sha-256',
  'bond-signature',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'ce-id',
  'ce-type',
  'content-type',
  'content-length',
];

const headerText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom(
    'application/json',
    'application/jwt',
    'APPLICATION/JSON; charset=utf-8',
    'text/plain',
    'application/cloudevents+json',
    '0',
    '-1',
    '1e9',
    'NaN',
  ),
  fc.constantFrom(`t=${Math.floor(Date.now() / 1000)},v2=${'ab'.repeat(32)}`, 'v1,AAAA', 'ab'.repeat(32)),
  fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 8000 })).map(([u, n]) => u.repeat(n)),
);

const headers = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(...signatureHeaders),
      fc.oneof({ weight: 6, arbitrary: headerText }, { weight: 1, arbitrary: fc.array(headerText, { maxLength: 3 }) }),
    ),
    fc.dictionary(
      fc.string({ minLength: 1, maxLength: 20 }).map((n) => n.toLowerCase()),
      headerText,
      { maxKeys: 4 },
    ),
  )
  .map(([known, other]) => ({ ...other, ...known }));

const body = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.json().map((t) => Buffer.from(t)),
  fc
    .jsonValue()
    .map((v) =>
      Buffer.from(
        JSON.stringify({ eventType: 'income-updated', event: 'transactions', type: 'invoice.paid', data: v }),
      ),
    ),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40_000 }))
    .map(([u, n]) => Buffer.from(u.repeat(n))),
);

const method = fc.oneof(
  { weight: 4, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'post', '', 'DELETE') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

async function answer(provider: AnyProvider, request: RawRequest, onHandled: () => void): Promise<WebhookResponse> {
  const webhooks = createWebhooks({ provider, onError: () => undefined, bodyLimit: 256 * 1024 });
  webhooks.onEvent('*', onHandled);
  const started = performance.now();
  const response = await handleRequest(webhooks, request); // a rejection fails the property
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  return response;
}

function expectJsonError(response: WebhookResponse): void {
  const parsed = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof parsed.error?.code).toBe('string');
  expect(typeof parsed.error?.message).toBe('string');
  expect(response.headers['content-type']).toMatch(/^application\/json/);
}

describe('handleRequest on arbitrary requests', () => {
  it('answers every unsigned request with a 4xx JSON error, never a 2xx, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(3), method, headers, body, fc.boolean(), async (which, verb, sent, bytes, typed) => {
        const { provider, contentType } = providers[which]!;
        const request: RawRequest = {
          method: verb,
          headers: typed ? { ...sent, 'content-type': contentType } : sent,
          rawBody: bytes,
        };
        let handled = 0;
        const response = await answer(provider, request, () => handled++);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectJsonError(response);
        expect(handled).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('answers a validly signed request with an arbitrary body 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 3), body, async (which, bytes) => {
        const { name, provider } = providers[which]!;
        const t = Math.floor(Date.now() / 1000);
        const signed: Record<string, string> =
          name === 'atomic'
            ? { 'x-hmac-signature-sha-256': createHmac('sha256', SECRET).update(bytes).digest('hex') }
            : name === 'atelio'
              ? {
                  'bond-signature': `t=${t},v2=${createHmac('sha256', SECRET).update(`${t}.`).update(bytes).digest('hex')}`,
                }
              : {
                  'webhook-id': 'msg_1',
                  'webhook-timestamp': String(t),
                  'webhook-signature': `v1,${createHmac('sha256', SW_KEY).update(`msg_1.${t}.`).update(bytes).digest('base64')}`,
                };
        const response = await answer(
          provider,
          { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, rawBody: bytes },
          () => undefined,
        );
        expect([200, 400]).toContain(response.status);
        if (response.status !== 200) expectJsonError(response);
      }),
      { numRuns: 300 },
    );
  });
});
