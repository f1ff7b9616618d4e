/**
 * The conformance suite every adapter runs: real server, real HTTP, real signatures. An adapter's
 * test file supplies a harness that mounts webhooks instances on a framework app and listens on a
 * free port; this suite sends the deliveries and asserts what the provider would see.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type RequestListener } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { type AnyProvider, atelio, atomic, createWebhooks, moneyhub, type WebhookEvent, type Webhooks } from '@finhooks/core';
import { createMoneyhubTestKeys, createTestRequest, type MoneyhubTestKeys, sampleBody } from '@finhooks/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

export interface Mount {
  /** Path the instance answers on, e.g. `/webhooks/atelio`. */
  readonly path: string;
  readonly webhooks: Webhooks<AnyProvider>;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `handler` (a framework's request listener) on a free loopback port. */
export async function listenOnLoopback(handler: RequestListener): Promise<RunningServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface AdapterHarness {
  /** Framework name for test titles, e.g. `express 5`. */
  readonly name: string;
  /** Starts the framework on a free loopback port with each instance mounted on its path. */
  start(mounts: readonly Mount[]): Promise<RunningServer>;
}

export const ATOMIC_SECRET = 'suite-atomic-secret';
export const ATELIO_SECRET = 'whsec_suiteAtelioSecret0123456789abcd';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** POSTs (or anything else) with node:http, returning status, headers and body text. */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'POST', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Sends a request declaring a huge Content-Length and only a few bytes of it; resolves with the status. */
export function sendDeclaredOversize(url: string, headers: Record<string, string>, declared: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(declared) } });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    req.write('{"event":"transactions"');
  });
}

export interface SlowDripResult {
  /** Status of the answer, 0 if none came. */
  readonly status: number;
  /** ms from the headers being sent to the answer (or to the close). */
  readonly answeredAfter: number;
  /** ms from the headers being sent to the server closing the connection; undefined if it never did. */
  readonly closedAfter: number | undefined;
  /** Body bytes written before the server stopped taking them. */
  readonly bytesSent: number;
}

/**
 * A slow-loris client on a raw socket: sends the headers (declaring `declared` bytes), then one body
 * byte every `interval` ms, until the server answers and closes the connection or `giveUpAfter` ms.
 */
export function sendSlowDrip(
  url: string,
  headers: Record<string, string>,
  options: { interval: number; giveUpAfter: number; declared?: number },
): Promise<SlowDripResult> {
  const { hostname, port, pathname } = new URL(url);
  const declared = options.declared ?? 10_000;
  const head = Object.entries({ ...headers, host: `${hostname}:${port}`, 'content-length': String(declared) })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let answeredAfter: number | undefined;
    let bytesSent = 0;
    let started = 0;
    const drip = setInterval(() => {
      if (socket.writable && bytesSent < declared) {
        socket.write('x');
        bytesSent += 1;
      }
    }, options.interval);
    const finish = (closedAfter: number | undefined) => {
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, answeredAfter: answeredAfter ?? closedAfter ?? options.giveUpAfter, closedAfter, bytesSent });
    };
    const giveUp = setTimeout(() => finish(undefined), options.giveUpAfter);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(`POST ${pathname} HTTP/1.1\r\n${head}\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      answeredAfter ??= performance.now() - started;
      received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined); // a reset after the answer is the server closing: expected
    socket.on('close', () => finish(performance.now() - started));
  });
}

/** Time the suite's instances allow for a body (`bodyTimeout`): short, so the slow-drip test is quick. */
export const SUITE_BODY_TIMEOUT_MS = 1500;

/** The three providers, wired to a handler spy each, ready to mount. */
export interface ProviderSet {
  readonly keys: MoneyhubTestKeys;
  readonly atomic: Webhooks<AnyProvider>;
  readonly moneyhub: Webhooks<AnyProvider>;
  readonly atelio: Webhooks<AnyProvider>;
  /** Every event any handler received, with the name of the instance. */
  readonly received: Array<{ instance: string; event: WebhookEvent }>;
}

export async function providerSet(options: { bodyLimit?: number; bodyTimeout?: number } = {}): Promise<ProviderSet> {
  const keys = await createMoneyhubTestKeys();
  const received: ProviderSet['received'] = [];
  const make = (instance: string, provider: AnyProvider) => {
    const hooks = createWebhooks({ provider, bodyLimit: options.bodyLimit, bodyTimeout: options.bodyTimeout, onError: () => undefined });
    hooks.onAny((event) => void received.push({ instance, event }));
    return hooks;
  };
  return {
    keys,
    received,
    atomic: make('atomic', atomic({ secret: ATOMIC_SECRET })),
    moneyhub: make('moneyhub', moneyhub({ jwks: keys.jwks, allowAnyAudience: true })),
    atelio: make('atelio', atelio({ secret: ATELIO_SECRET })),
  };
}

let sequence = 0;
/** A signed delivery of `type` with a fresh id, so de-duplication never hides a test's event. */
let lastEventTime = 0;
/** A new ISO time on every call (Atomic identifies an event by its type, entity ids and eventTime). */
export function freshEventTime(): string {
  lastEventTime = Math.max(Date.now(), lastEventTime + 1);
  return new Date(lastEventTime).toISOString();
}

export async function delivery(set: ProviderSet, name: 'atomic' | 'moneyhub' | 'atelio', type: string, overrides: Record<string, unknown> = {}) {
  const unique = `${Date.now()}-${sequence++}`;
  const fresh: Record<string, Record<string, unknown>> = {
    atomic: { eventTime: freshEventTime() },
    moneyhub: { id: `00000000-0000-4000-8000-${unique.replace(/\D/g, '').slice(-12).padStart(12, '0')}` },
    atelio: { occurred_at: `${new Date().toISOString()}#${unique}` },
  };
  const signOptions = name === 'moneyhub' ? { privateKey: set.keys.privateKey, kid: set.keys.kid } : undefined;
  return createTestRequest(set[name].provider, type, { ...fresh[name], ...overrides }, signOptions);
}

/** Registers the suite's tests for one adapter. */
export function runAdapterSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: conformance`, () => {
    let set: ProviderSet;
    let server: RunningServer;
    const url = (name: string) => `${server.url}/webhooks/${name}`;

    beforeAll(async () => {
      set = await providerSet({ bodyLimit: 1024 * 1024, bodyTimeout: SUITE_BODY_TIMEOUT_MS });
      server = await harness.start([
        { path: '/webhooks/atomic', webhooks: set.atomic },
        { path: '/webhooks/moneyhub', webhooks: set.moneyhub },
        { path: '/webhooks/atelio', webhooks: set.atelio },
      ]);
    });
    afterAll(() => server?.close());
    afterEach(() => {
      set.received.length = 0;
    });

    const goodEvents = [
      ['atomic', 'task-status-updated'],
      ['atomic', 'identity-synced'],
      ['moneyhub', 'newTransactions'],
      ['moneyhub', 'paymentError'],
      ['atelio', 'transactions'],
      ['atelio', 'card.status.active'],
    ] as const;

    it.each(goodEvents)('%s %s: answers 200 and the typed handler receives the event with its values', async (name, type) => {
      const req = await delivery(set, name, type);
      const response = await send(url(name), req);
      expect(response.status, response.body).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ received: true });
      expect(set.received).toHaveLength(1);
      const [{ instance, event }] = set.received as [{ instance: string; event: WebhookEvent }];
      expect(instance).toBe(name);
      expect(event).toMatchObject({ provider: name, type, known: true });
      if (name !== 'moneyhub') expect(event.payload).toEqual(JSON.parse(req.body));
    });

    it('mounts two providers side by side without crossing them', async () => {
      const atelioReq = await delivery(set, 'atelio', 'card.created');
      const atomicReq = await delivery(set, 'atomic', 'employment-synced');
      // Each provider's delivery sent to the other's path is refused: wrong signature scheme.
      expect((await send(url('atomic'), atelioReq)).status).toBe(401);
      expect((await send(url('atelio'), atomicReq)).status).toBe(401);
      expect((await send(url('atelio'), atelioReq)).status).toBe(200);
      expect((await send(url('atomic'), atomicReq)).status).toBe(200);
      expect(set.received.map((r) => `${r.instance}:${r.event.type}`)).toEqual(['atelio:card.created', 'atomic:employment-synced']);
    });

    describe('bad input matrix: each answers its status and runs no handler', () => {
      const now = () => Math.floor(Date.now() / 1000);
      const cases: Array<[string, 'atomic' | 'moneyhub' | 'atelio', number, (set: ProviderSet) => Promise<{ method?: string; headers: Record<string, string>; body: string }>]> = [
        ['missing signature', 'atelio', 401, async (s) => omit(await delivery(s, 'atelio', 'transactions'), 'bond-signature')],
        ['garbled signature', 'atomic', 401, async (s) => withHeader(await delivery(s, 'atomic', 'task-status-updated'), 'x-hmac-signature-sha-256', '%%%')],
        ['tampered body', 'atomic', 401, async (s) => tamper(await delivery(s, 'atomic', 'task-status-updated'))],
        ['wrong secret', 'atelio', 401, async (s) => resign(s, 'atelio', 'transactions', { secret: 'whsec_wrong' })],
        ['stale timestamp', 'atelio', 401, async (s) => resign(s, 'atelio', 'transactions', { timestamp: now() - 3600 })],
        ['future timestamp', 'atelio', 401, async (s) => resign(s, 'atelio', 'transactions', { timestamp: now() + 3600 })],
        ['JWT signed by another key', 'moneyhub', 401, async (s) => resign(s, 'moneyhub', 'newTransactions', { privateKey: (await createMoneyhubTestKeys()).privateKey, kid: s.keys.kid })],
        ['JWT with an unknown kid', 'moneyhub', 401, async (s) => resign(s, 'moneyhub', 'newTransactions', { privateKey: s.keys.privateKey, kid: 'unknown' })],
        ['malformed JSON (signed)', 'atelio', 400, async () => signedRaw('atelio', '{"event": "transactions",')],
        ['empty body (signed)', 'atomic', 400, async () => signedRaw('atomic', '')],
        ['wrong method', 'atelio', 405, async (s) => ({ ...(await delivery(s, 'atelio', 'transactions')), method: 'PUT' })],
        ['wrong content type', 'atelio', 415, async (s) => withHeader(await delivery(s, 'atelio', 'transactions'), 'content-type', 'text/plain')],
        ['JSON to the JWT endpoint', 'moneyhub', 415, async (s) => withHeader(await delivery(s, 'moneyhub', 'newTransactions'), 'content-type', 'application/json')],
      ];
      it.each(cases)('%s → %s answers %i', async (_name, name, status, build) => {
        const req = await build(set);
        const response = await send(url(name), req);
        expect(response.status, response.body).toBe(status);
        expect(JSON.parse(response.body).error.code).toEqual(expect.any(String));
        if (status === 405) expect(response.headers.allow).toBe('POST');
        expect(set.received).toHaveLength(0);
      });

      it('body over the limit → 413, without reading it all', async () => {
        const req = await delivery(set, 'atelio', 'transactions');
        const status = await sendDeclaredOversize(url('atelio'), req.headers, 64 * 1024 * 1024);
        expect(status).toBe(413);
        expect(set.received).toHaveLength(0);
      });

      it('body dripped a byte at a time → 408 at bodyTimeout, and the connection is closed', async () => {
        const req = await delivery(set, 'atelio', 'transactions');
        const { 'content-length': _, ...headers } = req.headers;
        const result = await sendSlowDrip(url('atelio'), headers, { interval: 100, giveUpAfter: SUITE_BODY_TIMEOUT_MS + 4000 });
        expect(result.status).toBe(408);
        expect(result.answeredAfter).toBeGreaterThanOrEqual(SUITE_BODY_TIMEOUT_MS - 50);
        expect(result.closedAfter).toBeDefined(); // the server hung up: no socket, no buffer held
        expect(result.closedAfter!).toBeLessThan(SUITE_BODY_TIMEOUT_MS + 2000);
        expect(set.received).toHaveLength(0);
      });

      it('chunked body over the limit → 413', async () => {
        const req = await delivery(set, 'atelio', 'transactions', { padding: 'x'.repeat(1024 * 1024 + 10) });
        const { 'content-length': _, ...headers } = req.headers;
        const response = await send(url('atelio'), { headers: { ...headers, 'transfer-encoding': 'chunked' }, body: req.body });
        expect(response.status).toBe(413);
        expect(set.received).toHaveLength(0);
      });
    });

    it('unknown event type → 200, routed to catch-all handlers as unknown', async () => {
      const req = await delivery(set, 'atelio', 'card.status.frozen', { event: 'card.status.frozen' });
      const response = await send(url('atelio'), req);
      expect(response.status).toBe(200);
      expect(set.received.map((r) => [r.event.type, r.event.known])).toEqual([['card.status.frozen', false]]);
    });

    it('duplicate delivery → 200 { duplicate: true }, handlers ran once', async () => {
      const req = await delivery(set, 'atomic', 'task-status-updated');
      const first = await send(url('atomic'), req);
      const second = await send(url('atomic'), req);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(JSON.parse(second.body)).toEqual({ received: true, duplicate: true });
      expect(set.received).toHaveLength(1);
    });

    it('handler failure → 500, then the retry runs the handlers again → 200', async () => {
      let fail = true;
      const flaky = vi.fn(() => {
        if (fail) throw new Error('transient');
      });
      const off = set.atelio.onEvent('transactions', flaky);
      try {
        const req = await delivery(set, 'atelio', 'transactions');
        expect((await send(url('atelio'), req)).status).toBe(500);
        fail = false;
        expect((await send(url('atelio'), req)).status).toBe(200);
        expect(flaky).toHaveBeenCalledTimes(2);
      } finally {
        off();
      }
    });

    it('accepts a large Moneyhub event (6000 transaction ids)', async () => {
      const ids = Array.from({ length: 6000 }, (_, i) => `d520402a-d982-43ee-b1d1-${String(i).padStart(12, '0')}`);
      const req = await delivery(set, 'moneyhub', 'newTransactions', {
        payload: { accounts: [{ id: '6d0baf11-248e-4c11-9c04-97b7758b4e04', transactions: ids }] },
      });
      const response = await send(url('moneyhub'), req);
      expect(response.status, response.body).toBe(200);
      const payload = set.received[0]!.event.payload as { payload: { accounts: Array<{ transactions: string[] }> } };
      expect(payload.payload.accounts[0]!.transactions).toHaveLength(6000);
    });

    describe('a trailing slash on the path is accepted like the path itself', () => {
      it.each([
        ['atomic', 'task-status-updated'],
        ['moneyhub', 'newTransactions'],
        ['atelio', 'card.created'],
      ] as const)('%s %s: POST to the path + "/" → 200; the same delivery without the slash is its duplicate', async (name, type) => {
        const req = await delivery(set, name, type);
        const slashed = await send(`${url(name)}/`, req);
        expect(slashed.status, slashed.body).toBe(200);
        expect(JSON.parse(slashed.body)).toEqual({ received: true });
        const plain = await send(url(name), req);
        expect(JSON.parse(plain.body)).toEqual({ received: true, duplicate: true });
        expect(set.received.map((r) => r.instance)).toEqual([name]);
      });

      it('with a query string: POST /webhooks/atelio/?attempt=2 → 200', async () => {
        const response = await send(`${url('atelio')}/?attempt=2`, await delivery(set, 'atelio', 'transactions'));
        expect(response.status, response.body).toBe(200);
        expect(set.received).toHaveLength(1);
      });

      it('a non-POST on the slashed path gets the same 405', async () => {
        const response = await send(`${url('atelio')}/`, { ...(await delivery(set, 'atelio', 'transactions')), method: 'PUT' });
        expect(response.status).toBe(405);
        expect(response.headers.allow).toBe('POST');
      });

      it('a deeper path is not the webhook path: POST /webhooks/atelio/extra → 404', async () => {
        const response = await send(`${url('atelio')}/extra`, await delivery(set, 'atelio', 'transactions'));
        expect(response.status).toBe(404);
        expect(set.received).toHaveLength(0);
      });
    });

    describe('a throwing handler without onError is reported on console.error', () => {
      let failing: RunningServer | undefined;
      const personal = 'ssn 123-45-6789';
      afterEach(async () => {
        await failing?.close();
        failing = undefined;
        vi.unstubAllEnvs();
        vi.restoreAllMocks();
      });

      async function failOnce(env: string): Promise<string> {
        vi.stubEnv('NODE_ENV', env);
        const provider: AnyProvider = atelio({ secret: ATELIO_SECRET });
        const hooks = createWebhooks({ provider });
        hooks.onEvent('card.created', function issueCard(event) {
          throw new TypeError(`no card for ${personal} (${event.type})`);
        });
        failing = await harness.start([{ path: '/webhooks/atelio', webhooks: hooks }]);
        const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const req = await createTestRequest(hooks.provider, 'card.created', { occurred_at: new Date().toISOString() });
        const response = await send(`${failing.url}/webhooks/atelio`, req);
        expect(response.status).toBe(500);
        expect(log).toHaveBeenCalledOnce();
        return String(log.mock.calls[0]![0]);
      }

      it('outside production: finhooks\' line, then the error class, message and stack frames', async () => {
        const lines = (await failOnce('development')).split('\n');
        expect(lines[0]).toMatch(/^\[finhooks\] atelio "card.created": 500 handler_failed: 1 handler failed/);
        expect(lines[1]).toBe(`  TypeError: no card for ${personal} (card.created)`);
        expect(lines[2]).toMatch(/^ {6}at (\S+\.)?issueCard \(/);
      });

      it('in production: the class and stack frames, never the message (it may hold payload data)', async () => {
        const report = await failOnce('production');
        expect(report).not.toContain('123-45-6789');
        expect(report).toMatch(/\n {2}TypeError\n {6}at (\S+\.)?issueCard \(/);
      });
    });

    it('answers Atelio with exactly 200, never 204', async () => {
      const response = await send(url('atelio'), await delivery(set, 'atelio', 'kyc.verification.success'));
      expect(response.status).toBe(200);
    });

    // Per-tenant secrets read the tenant from the request target: the adapter must hand the
    // pipeline the path and query as received, before any mount path was stripped.
    it('hands the pipeline the request target (url): per-tenant secrets pick the tenant from it', async () => {
      const secrets: Record<string, string> = { acme: randomBytes(24).toString('hex'), globex: randomBytes(24).toString('hex') };
      const seen: (string | undefined)[] = [];
      const provider: AnyProvider = atomic({
          secrets: {
            tenant: ({ url: target }) => (seen.push(target), /[?&]tenant=([a-z]+)/.exec(target ?? '')?.[1]),
            lookup: async (tenant) => secrets[tenant],
          },
        });
      const tenants = createWebhooks({ provider, onError: () => undefined });
      const tenantServer = await harness.start([{ path: '/webhooks/tenants', webhooks: tenants }]);
      try {
        const post = (tenant: string, secret: string) => {
          const body = JSON.stringify({ eventType: 'tenant-check', eventTime: new Date().toISOString(), user: { _id: randomUUID() } });
          const signature = createHmac('sha256', secret).update(body).digest('hex');
          return send(`${tenantServer.url}/webhooks/tenants?tenant=${tenant}`, {
            headers: { 'content-type': 'application/json', 'x-hmac-signature-sha-256': signature },
            body,
          });
        };
        expect((await post('acme', secrets.acme!)).status).toBe(200);
        expect((await post('globex', secrets.globex!)).status).toBe(200);
        expect((await post('globex', secrets.acme!)).status).toBe(401);
        expect(seen.slice(0, 2)).toEqual(['/webhooks/tenants?tenant=acme', '/webhooks/tenants?tenant=globex']);
      } finally {
        await tenantServer.close();
      }
    });
  });
}

function omit(req: { headers: Record<string, string>; body: string }, header: string) {
  const { [header]: _, ...headers } = req.headers;
  return { ...req, headers };
}

function withHeader(req: { headers: Record<string, string>; body: string }, header: string, value: string) {
  return { ...req, headers: { ...req.headers, [header]: value } };
}

function tamper(req: { headers: Record<string, string>; body: string }) {
  return { ...req, body: `${req.body.slice(0, -1)},"tampered":true}` };
}

async function resign(set: ProviderSet, name: 'atomic' | 'moneyhub' | 'atelio', type: string, options: Record<string, unknown>) {
  const fresh =
    name === 'atelio' ? { occurred_at: `${Date.now()}-${sequence++}` } : name === 'atomic' ? { eventTime: freshEventTime() } : {};
  const body = { ...sampleBody(set[name].provider.name, type), ...fresh };
  const signed = await set[name].provider.sign(body, options);
  return { headers: signed.headers, body: signed.body };
}

/** A body signed correctly by the provider's scheme that is nevertheless unusable. */
async function signedRaw(name: 'atomic' | 'atelio', body: string): Promise<{ headers: Record<string, string>; body: string }> {
  const { createHmac } = await import('node:crypto');
  if (name === 'atomic') {
    return { headers: { 'content-type': 'application/json', 'x-hmac-signature-sha-256': createHmac('sha256', ATOMIC_SECRET).update(body).digest('hex') }, body };
  }
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', ATELIO_SECRET).update(`${t}.${body}`).digest('hex');
  return { headers: { 'content-type': 'application/json', 'bond-signature': `t=${t},v2=${v2}` }, body };
}
