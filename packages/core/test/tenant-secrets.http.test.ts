/**
 * Per-tenant secrets (`secrets: { tenant, lookup }`) for every HMAC scheme, over real HTTP: a node:http
 * server hands requests to the pipeline with the adapters' shared helper (`fromNodeRequest`). Deliveries
 * are signed independently: node:crypto written out (Atomic, Atelio), the `standardwebhooks` package.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  atelio,
  atomic,
  createFetchHandler,
  createWebhooks,
  defineProvider,
  headerValue,
  standardWebhooksVerifier,
  stringField,
  type AnyProvider,
  type ErrorContext,
  type SecretLookupResult,
  type SecretsOption,
  type TenantSecrets,
} from '../src/index.js';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '../src/adapter.js';
import { createTestRequest } from '../src/testing.js';
import { requestTarget } from '../src/web.js';
import { listen } from './support/http-server.js';
import { atelioSignatureHeader, atomicSignature } from './support/sign.js';

interface Kit {
  readonly name: string;
  readonly provider: (secrets: SecretsOption) => AnyProvider;
  readonly newSecret: () => string;
  /** A fresh event body and its headers, signed with `secret` without finhooks code. */
  readonly delivery: (secret: string) => { body: string; headers: Record<string, string> };
}

const kits: readonly Kit[] = [
  {
    name: 'atomic (x-hmac-signature-sha-256)',
    provider: (secrets) => atomic({ secrets }),
    newSecret: () => randomBytes(24).toString('hex'),
    delivery(secret) {
      const body = JSON.stringify({
        eventType: 'tenant-test.event',
        eventTime: new Date().toISOString(),
        user: { _id: randomUUID() },
      });
      return { body, headers: { 'x-hmac-signature-sha-256': atomicSignature(body, secret) } };
    },
  },
  {
    name: 'atelio (Bond-Signature v2)',
    provider: (secrets) => atelio({ secrets }),
    newSecret: () => `whsec_${randomBytes(24).toString('hex')}`,
    delivery(secret) {
      const body = JSON.stringify({
        event: 'tenant-test.event',
        occurred_at: new Date().toISOString(),
        id: randomUUID(),
      });
      return { body, headers: { 'bond-signature': atelioSignatureHeader(body, secret) } };
    },
  },
  {
    name: 'standardWebhooksVerifier (defineProvider)',
    provider: (secrets) =>
      defineProvider({
        name: 'acme',
        catalog: {},
        verify: standardWebhooksVerifier({ provider: 'acme', secrets }),
        identify: (body, request) => ({
          type: stringField(body, 'type') ?? 'unknown',
          id: headerValue(request.headers, 'webhook-id') ?? 'none',
        }),
      }),
    newSecret: () => `whsec_${randomBytes(24).toString('base64')}`,
    delivery(secret) {
      const body = JSON.stringify({ type: 'tenant-test.event' });
      const id = `msg_${randomUUID()}`;
      const at = new Date();
      return {
        body,
        headers: {
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(id, at, body),
        },
      };
    },
  },
];

/** The tenant is the path segment after /hooks/ (lower-case letters, digits, dashes); anything else names none. */
const tenantFromPath: TenantSecrets['tenant'] = ({ url }) => /^\/hooks\/([a-z0-9-]{1,32})(?:\?|$)/.exec(url ?? '')?.[1];

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(provider: AnyProvider) {
  const errors: { code: string; status: number; error: Error }[] = [];
  const hooks = createWebhooks({
    provider,
    onError: (error: Error, context: ErrorContext) =>
      void errors.push({ code: context.code, status: context.status, error }),
  });
  const server = await listen((req, res) => {
    handleRequest(hooks, fromNodeRequest(req)).then(
      (response) => writeNodeResponse(res, response),
      () => res.destroy(),
    );
  });
  closers.push(server.close);
  const post = async (
    path: string,
    delivery: { body: string; headers: Record<string, string> },
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...delivery.headers, ...headers },
      body: delivery.body,
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { error?: { code: string; message: string } },
    };
  };
  return { post, errors };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kits)('per-tenant secrets: $name', (kit) => {
  function tenants(initial: Record<string, SecretLookupResult>, options: Partial<TenantSecrets> = {}) {
    const db = new Map(Object.entries(initial));
    const calls: string[] = [];
    const secrets: TenantSecrets = {
      tenant: tenantFromPath,
      lookup: async (tenant) => {
        calls.push(tenant);
        await sleep(5);
        return db.get(tenant);
      },
      ...options,
    };
    return { db, calls, secrets };
  }

  it('verifies each tenant with its own secret, refuses a signature of another tenant (401), looks each up once', async () => {
    const acme = kit.newSecret();
    const globex = kit.newSecret();
    const { calls, secrets } = tenants({ acme, globex });
    const { post } = await serve(kit.provider(secrets));

    expect((await post('/hooks/acme', kit.delivery(acme))).status).toBe(200);
    expect((await post('/hooks/globex', kit.delivery(globex))).status).toBe(200);
    expect((await post('/hooks/acme?source=test', kit.delivery(acme))).status).toBe(200);
    const crossed = await post('/hooks/globex', kit.delivery(acme));
    expect(crossed.status).toBe(401);
    expect(crossed.body.error?.code).toBe('invalid_signature');
    expect(calls).toEqual(['acme', 'globex']); // cached: one lookup per tenant
  });

  it('answers an unknown tenant exactly like a wrong signature (401, same code and message), and a request naming no tenant without a lookup', async () => {
    const acme = kit.newSecret();
    const { calls, secrets } = tenants({ acme, emptied: [] });
    const { post } = await serve(kit.provider(secrets));

    const wrong = await post('/hooks/acme', kit.delivery(kit.newSecret()));
    const unknown = await post('/hooks/initech', kit.delivery(kit.newSecret()));
    const emptied = await post('/hooks/emptied', kit.delivery(kit.newSecret()));
    const unnamed = await post('/hooks/NOT_A_TENANT', kit.delivery(acme));
    for (const answer of [unknown, emptied, unnamed]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(wrong.body);
    }
    expect(wrong.body.error?.code).toBe('invalid_signature');
    expect(calls).toEqual(['acme', 'initech', 'emptied']); // NOT_A_TENANT: no lookup
    // The unknown tenant is cached too: probing it again costs no lookup.
    await post('/hooks/initech', kit.delivery(kit.newSecret()));
    expect(calls).toHaveLength(3);
  });

  it('rotation: old and new secret both verify; once the old is removed and the cache expired, only the new does', async () => {
    const old = kit.newSecret();
    const next = kit.newSecret();
    const { db, secrets } = tenants({ acme: [old, next] }, { ttl: 100 });
    const { post } = await serve(kit.provider(secrets));

    expect((await post('/hooks/acme', kit.delivery(old))).status).toBe(200);
    expect((await post('/hooks/acme', kit.delivery(next))).status).toBe(200);
    db.set('acme', [next]);
    await sleep(150);
    expect((await post('/hooks/acme', kit.delivery(old))).status).toBe(401);
    expect((await post('/hooks/acme', kit.delivery(next))).status).toBe(200);
  });

  it('a lookup that rejects, throws or hangs: 503 secret_unavailable with Retry-After, reported, not cached', async () => {
    const acme = kit.newSecret();
    let mode: 'reject' | 'throw' | 'hang' | 'ok' = 'reject';
    let aborted = 0;
    const secrets: TenantSecrets = {
      tenant: tenantFromPath,
      timeout: 100,
      lookup: (_tenant, { signal }) => {
        if (mode === 'throw') throw new Error('database down');
        if (mode === 'reject') return Promise.reject(new Error('database down'));
        if (mode === 'hang') {
          signal.addEventListener('abort', () => (aborted += 1));
          return new Promise<never>(() => undefined);
        }
        return acme;
      },
    };
    const { post, errors } = await serve(kit.provider(secrets));
    for (const next of ['reject', 'throw', 'hang'] as const) {
      mode = next;
      const answer = await post('/hooks/acme', kit.delivery(acme));
      expect(answer.status, next).toBe(503);
      expect(answer.retryAfter).toBe('30');
      expect(answer.body.error?.code).toBe('secret_unavailable');
      expect(answer.body.error?.message).not.toContain('database down');
    }
    expect(aborted).toBe(1);
    expect(errors.map((e) => [e.status, e.code])).toEqual([
      [503, 'secret_unavailable'],
      [503, 'secret_unavailable'],
      [503, 'secret_unavailable'],
    ]);
    mode = 'ok'; // the failures were not cached
    expect((await post('/hooks/acme', kit.delivery(acme))).status).toBe(200);
  });

  it('a tenant() that throws: 503 secret_unavailable', async () => {
    const { post } = await serve(
      kit.provider({
        tenant: () => {
          throw new Error('bug');
        },
        lookup: () => kit.newSecret(),
      }),
    );
    const answer = await post('/hooks/acme', kit.delivery(kit.newSecret()));
    expect([answer.status, answer.body.error?.code]).toEqual([503, 'secret_unavailable']);
  });

  it('a looked-up secret that fails the start-up checks: 500 secret_misconfigured, never quoting it', async () => {
    const good = kit.newSecret();
    const short = 'short-secret';
    const { db, secrets } = tenants({ initech: [good, short] });
    const { post, errors } = await serve(kit.provider(secrets));
    const answer = await post('/hooks/initech', kit.delivery(good));
    expect([answer.status, answer.body.error?.code]).toEqual([500, 'secret_misconfigured']);
    expect(answer.body.error?.message).toMatch(/signing secret #2/);
    expect(answer.body.error?.message).not.toContain(short);
    expect(answer.body.error?.message).not.toContain('initech');
    expect(errors[0]?.code).toBe('secret_misconfigured');
    // Not cached: fixing the stored secret takes effect at once.
    const fixed = kit.newSecret();
    db.set('initech', fixed);
    expect((await post('/hooks/initech', kit.delivery(fixed))).status).toBe(200);
  });

  it('keeps at most maxTenants in the cache, least recently used out first', async () => {
    const db = { a: kit.newSecret(), b: kit.newSecret(), c: kit.newSecret() };
    const { calls, secrets } = tenants(db, { maxTenants: 2 });
    const { post } = await serve(kit.provider(secrets));
    for (const tenant of ['a', 'b', 'a', 'c', 'a', 'b'] as const) {
      expect((await post(`/hooks/${tenant}`, kit.delivery(db[tenant]))).status).toBe(200);
    }
    // c evicts b, not a (a was used more recently): a still hits, b is looked up again.
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('concurrent deliveries of a cold tenant share one lookup (single flight); a synchronous lookup works too', async () => {
    const acme = kit.newSecret();
    let lookups = 0;
    const { post } = await serve(
      kit.provider({
        tenant: tenantFromPath,
        lookup: async () => {
          lookups += 1;
          await sleep(100);
          return acme;
        },
      }),
    );
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/hooks/acme', kit.delivery(acme))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(lookups).toBe(1);

    const byHeader = await serve(
      kit.provider({
        tenant: ({ headers }) => headerValue(headers, 'x-tenant'),
        lookup: (tenant) => (tenant === 'acme' ? acme : undefined),
      }),
    );
    expect((await byHeader.post('/', kit.delivery(acme), { 'x-tenant': 'acme' })).status).toBe(200);
    expect((await byHeader.post('/', kit.delivery(acme), { 'x-tenant': 'globex' })).status).toBe(401);
    expect((await byHeader.post('/', kit.delivery(acme))).status).toBe(401);
  });

  it('verifies synchronously with fixed secrets and with a cached tenant (the pipeline skips an await)', async () => {
    const acme = kit.newSecret();
    const request = (url: string) => {
      const { body, headers } = kit.delivery(acme);
      return {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        url,
        rawBody: new TextEncoder().encode(body),
      };
    };
    const fixed = kit.provider(acme);
    expect(fixed.verify(request('/hooks/acme'))).toBeUndefined();

    const perTenant = kit.provider({ tenant: tenantFromPath, lookup: async () => acme });
    const first = perTenant.verify(request('/hooks/acme'));
    expect(first).toBeInstanceOf(Promise);
    await first;
    expect(perTenant.verify(request('/hooks/acme'))).toBeUndefined();
  });

  it('refuses a malformed per-tenant option at start-up', () => {
    expect(() => kit.provider({ tenant: tenantFromPath } as unknown as TenantSecrets)).toThrow(
      /tenant\(request\)` and a `lookup\(tenant\)`/,
    );
    expect(() => kit.provider({ tenant: tenantFromPath, lookup: () => undefined, ttl: Number.NaN })).toThrow(
      /secrets\.ttl/,
    );
    expect(() => kit.provider({ tenant: tenantFromPath, lookup: () => undefined, maxTenants: 0 })).toThrow(
      /secrets\.maxTenants/,
    );
    expect(() => kit.provider({ tenant: tenantFromPath, lookup: () => undefined, timeout: 0 })).toThrow(
      /secrets\.timeout/,
    );
  });
});

describe('per-tenant secrets and sign()', () => {
  it('sign() needs an explicit secret when secrets are looked up per tenant', async () => {
    const provider = atomic({ secrets: { tenant: tenantFromPath, lookup: () => undefined } });
    await expect(provider.sign({ eventType: 'x' })).rejects.toThrow(/sign\(\) needs `\{ secret \}`/);
    const secret = randomBytes(24).toString('hex');
    const signed = await provider.sign({ eventType: 'x' }, { secret });
    expect(signed.headers['x-hmac-signature-sha-256']).toBe(atomicSignature(signed.body, secret));
  });
});

describe('the request target handed to tenant()', () => {
  it('is path and query on the fetch handler too (fromWebRequest), never scheme or host', async () => {
    const secret = randomBytes(24).toString('hex');
    const seen: (string | undefined)[] = [];
    const handler = createFetchHandler({
      provider: atomic({
        secrets: {
          tenant: ({ url }) => (seen.push(url), tenantFromPath({ method: 'POST', headers: {}, url })),
          lookup: () => secret,
        },
      }),
    });
    const { body, headers } = kits[0]!.delivery(secret);
    const response = await handler(
      new Request('http://evil.example:8080/hooks/acme?x=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }),
    );
    expect(response.status).toBe(200);
    expect(seen).toEqual(['/hooks/acme?x=1']);
    expect(requestTarget('https://h')).toBe('/');
    expect(requestTarget('/already/a/path')).toBe('/already/a/path');
  });
});

describe('per-tenant secrets with the testing helpers', () => {
  it('createTestRequest signs with the tenant secret given; the request names the tenant by its url', async () => {
    const acme = randomBytes(24).toString('hex');
    const provider = atomic({
      secrets: { tenant: tenantFromPath, lookup: (tenant) => (tenant === 'acme' ? acme : undefined) },
    });
    const hooks = createWebhooks({ provider, onError: () => undefined });
    const request = await createTestRequest(
      provider,
      'task-status-updated',
      { eventTime: new Date().toISOString() },
      { secret: acme },
    );
    expect((await hooks.handle({ ...request, url: '/hooks/acme' })).status).toBe(200);
    expect((await hooks.handle({ ...request, url: '/hooks/globex' })).status).toBe(401);
    expect((await hooks.handle(request)).status).toBe(401); // no url: no tenant
  });
});
