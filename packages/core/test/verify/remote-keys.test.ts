import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhooks, handleRequest } from '../../src/index.js';
import { WebhookError } from '../../src/errors.js';
import { moneyhub } from '../../src/providers/moneyhub/index.js';
import { jwtVerifier, type JwtVerifierOptions } from '../../src/verify/jwt.js';
import { listen } from '../support/http-server.js';
import { rawPost } from '../support/request.js';

/**
 * Key discovery against real HTTP servers on loopback that fail, hang, redirect or lie: every fetch
 * is counted on the server side. Tokens are minted by jose's SignJWT.
 */
const KID = 'k1';
let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256' };
});

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** A server whose handler can be swapped, counting requests per path. */
async function identityServer(initial: (req: IncomingMessage, res: ServerResponse, url: string) => void) {
  const hits: string[] = [];
  let handler = initial;
  const server = await listen((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res, server.url);
  });
  servers.push(server.close);
  return {
    url: server.url,
    hits,
    count: (path: string) => hits.filter((hit) => hit === path).length,
    set(next: typeof initial) {
      handler = next;
    },
  };
}

const DISCOVERY = '/.well-known/openid-configuration';

/** The happy identity server: discovery names itself as issuer and its own /certs. */
const healthy = (req: IncomingMessage, res: ServerResponse, url: string) => {
  if (req.url === DISCOVERY) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: url, jwks_uri: `${url}/certs` }));
  } else if (req.url === '/certs') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  } else res.writeHead(404).end();
};

const down = (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(503).end();

function token(iss: string): Promise<string> {
  return new SignJWT({ events: { 'urn:x': {} } })
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(iss)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .sign(privateKey);
}

function verifier(issuer: string, options: Partial<JwtVerifierOptions> = {}) {
  const lines: string[] = [];
  const verify = jwtVerifier({
    provider: 'acme',
    discoveryUrl: `${issuer}${DISCOVERY}`,
    issuer,
    algorithms: ['RS256'],
    maxAge: 300,
    fetchTimeout: 3000,
    retryInterval: 300,
    maxRetryInterval: 1200,
    log: (line) => lines.push(line),
    ...options,
  });
  return { verify, lines };
}

/** Verifies one token, returning the refusal (or the claims). */
async function attempt(verify: ReturnType<typeof jwtVerifier>, iss: string): Promise<WebhookError | Record<string, unknown>> {
  const body = await token(iss);
  return verify(rawPost(body, { 'content-type': 'application/jwt' })).then(
    (claims) => claims as Record<string, unknown>,
    (error: unknown) => {
      expect(error).toBeInstanceOf(WebhookError);
      return error as WebhookError;
    },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('key discovery while the identity server fails', () => {
  it('asks a failing server once per interval: 20 concurrent then 20 more deliveries cost one fetch, all 503 at once', async () => {
    const server = await identityServer(down);
    const { verify, lines } = verifier(server.url, { retryInterval: 1500, maxRetryInterval: 3000 });
    const first = await Promise.all(Array.from({ length: 20 }, () => attempt(verify, server.url)));
    expect(first.every((r) => r instanceof WebhookError && r.status === 503 && r.code === 'key_set_unavailable')).toBe(true);
    expect(server.count(DISCOVERY)).toBe(1);

    const tokens = await Promise.all(Array.from({ length: 20 }, () => token(server.url)));
    const started = performance.now();
    for (const body of tokens) {
      const refused = await verify(rawPost(body, { 'content-type': 'application/jwt' })).catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 503, code: 'key_set_unavailable' });
    }
    expect(performance.now() - started).toBeLessThan(500); // answered without waiting for a fetch
    expect(server.count(DISCOVERY)).toBe(1);
    expect(lines).toHaveLength(1); // one line per outage, not per request

    await sleep(1600); // past retryInterval: the next deliveries try again, once
    await Promise.all(Array.from({ length: 5 }, () => attempt(verify, server.url)));
    expect(server.count(DISCOVERY)).toBe(2);
    expect(lines).toHaveLength(1);
  });

  it('backs off: the wait doubles after each failure, up to maxRetryInterval', async () => {
    const server = await identityServer(down);
    const { verify } = verifier(server.url, { retryInterval: 400, maxRetryInterval: 1600 });
    await attempt(verify, server.url); // failure 1 → next fetch after 400 ms
    await sleep(500);
    await attempt(verify, server.url); // failure 2 → next fetch after 800 ms
    expect(server.count(DISCOVERY)).toBe(2);
    await sleep(300);
    await attempt(verify, server.url); // within 800 ms: answered without a fetch
    expect(server.count(DISCOVERY)).toBe(2);
    await sleep(650);
    await attempt(verify, server.url); // failure 3 → next fetch after 1600 ms (the cap)
    expect(server.count(DISCOVERY)).toBe(3);
  });

  it('gives a hanging server fetchTimeout once; the deliveries after it answer 503 immediately', async () => {
    const server = await identityServer(() => undefined); // never answers
    const { verify, lines } = verifier(server.url, { fetchTimeout: 300, retryInterval: 5000, maxRetryInterval: 5000 });
    let started = performance.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(verify, server.url)));
    expect(results.every((r) => r instanceof WebhookError && r.status === 503)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(server.count(DISCOVERY)).toBe(1);

    started = performance.now();
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(performance.now() - started).toBeLessThan(100);
    expect(lines[0]).toContain('no complete answer within 300 ms');
  });

  it('logs one line when the outage starts (URL and cause, no token) and one when the keys load again', async () => {
    const server = await identityServer(down);
    const { verify, lines } = verifier(server.url, { retryInterval: 100, maxRetryInterval: 100 });
    const body = await token(server.url);
    const refused = await verify(rawPost(body, { 'content-type': 'application/jwt' })).catch((e: unknown) => e as WebhookError);
    expect(refused).toMatchObject({ status: 503 });
    expect((refused as WebhookError).message).toContain(`${server.url}${DISCOVERY}`);
    expect((refused as WebhookError).message).toContain('HTTP 503');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`from ${server.url}${DISCOVERY}: the discovery document answered HTTP 503`);
    expect(lines[0]).not.toContain(body.slice(0, 20));

    server.set(healthy);
    await sleep(150);
    expect(await attempt(verify, server.url)).toMatchObject({ iss: server.url });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/signing keys loaded again from .* refused meanwhile/);
    expect(await attempt(verify, server.url)).toMatchObject({ iss: server.url });
    expect(lines).toHaveLength(2);
  });

  it('sends the outage (error) and the recovery (warn) to a pino logger with structured fields, and nothing to console', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const records: Record<string, any>[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) records.push(JSON.parse(line));
        done();
      },
    });
    const server = await identityServer(down);
    const { verify } = verifier(server.url, { retryInterval: 100, maxRetryInterval: 100, log: undefined, logger: pino(stream) });
    const body = await token(server.url);
    await expect(verify(rawPost(body, { 'content-type': 'application/jwt' }))).rejects.toMatchObject({ status: 503 });
    server.set(healthy);
    await sleep(150);
    expect(await attempt(verify, server.url)).toMatchObject({ iss: server.url });
    await vi.waitFor(() => expect(records).toHaveLength(2));
    expect(records[0]).toMatchObject({
      level: 50,
      provider: 'acme',
      keySet: `${server.url}${DISCOVERY}`,
      code: 'key_set_unavailable',
      retryInMs: 100,
    });
    expect(records[0]!.msg).toContain('the discovery document answered HTTP 503');
    expect(records[1]).toMatchObject({ level: 40, provider: 'acme', refused: 1 });
    expect(records[1]!.msg).toMatch(/signing keys loaded again/);
    expect(JSON.stringify(records)).not.toContain(body.slice(0, 20));
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });

  it('without onError, the default report logs the outage once, not once per refused delivery', async () => {
    const server = await identityServer(down);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const hooks = createWebhooks({
        provider: moneyhub({
          issuer: server.url,
          discoveryUrl: `${server.url}${DISCOVERY}`,
          allowAnyAudience: true,
          retryInterval: 10_000,
          maxRetryInterval: 10_000,
        }),
      });
      for (let i = 0; i < 10; i += 1) {
        const response = await handleRequest(hooks, rawPost(await token(server.url), { 'content-type': 'application/jwt' }));
        expect(response.status).toBe(503);
      }
      expect(errors).toHaveBeenCalledTimes(1);
      expect(String(errors.mock.calls[0]![0])).toContain(`${server.url}${DISCOVERY}`);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('what discovery trusts', () => {
  it('does not follow a redirect of the discovery document', async () => {
    const elsewhere = await identityServer(healthy);
    const server = await identityServer((_req, res) => void res.writeHead(302, { location: `${elsewhere.url}${DISCOVERY}` }).end());
    const { verify, lines } = verifier(server.url, { discoveryIssuer: [server.url, elsewhere.url] });
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(elsewhere.hits).toEqual([]);
    expect(lines[0]).toContain('answered HTTP 302 (redirects are not followed)');
  });

  it('does not follow a redirect of the key set', async () => {
    const elsewhere = await identityServer(healthy);
    const server = await identityServer((req, res, url) => {
      if (req.url === DISCOVERY) healthy(req, res, url);
      else res.writeHead(301, { location: `${elsewhere.url}/certs` }).end();
    });
    const { verify, lines } = verifier(server.url);
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(elsewhere.hits).toEqual([]);
    expect(lines[0]).toContain('the JWKS answered HTTP 301 (redirects are not followed)');
  });

  it('refuses a discovery document that names another issuer, without fetching its keys', async () => {
    const server = await identityServer((req, res, url) => {
      if (req.url === DISCOVERY) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://evil.example', jwks_uri: `${url}/certs` }));
      } else healthy(req, res, url);
    });
    const { verify, lines } = verifier(server.url);
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(server.count('/certs')).toBe(0);
    expect(lines[0]).toContain('declares another issuer');
    expect(lines[0]).not.toContain('evil.example');
  });

  it('accepts the OIDC issuer of the discovery URL (its prefix) as well as the token issuer', async () => {
    const server = await identityServer((req, res, url) => {
      if (req.url === `/oidc${DISCOVERY}`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: `${url}/oidc`, jwks_uri: `${url}/certs` }));
      } else healthy(req, res, url);
    });
    const { verify } = verifier(server.url, { discoveryUrl: `${server.url}/oidc${DISCOVERY}` });
    expect(await attempt(verify, server.url)).toMatchObject({ iss: server.url });
  });

  it.each([
    ['an http jwks_uri off loopback', 'http://keys.example/certs', 'must be an https: URL'],
    ['a jwks_uri on another origin', 'https://keys.example/certs', 'on another origin'],
    ['a jwks_uri with credentials', 'https://user:pw@keys.example/certs', 'must not carry credentials'],
  ])('refuses %s named by the discovery document', async (_name, jwksUri, reason) => {
    const server = await identityServer((req, res, url) => {
      if (req.url === DISCOVERY) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: url, jwks_uri: jwksUri }));
      } else healthy(req, res, url);
    });
    const { verify, lines } = verifier(server.url);
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(lines[0]).toContain(reason);
    expect(lines[0]).not.toContain('pw@');
  });

  it('refuses a key set larger than any real one without reading it all', async () => {
    const server = await identityServer((req, res, url) => {
      if (req.url === DISCOVERY) healthy(req, res, url);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(`{"keys":[${'1,'.repeat(400_000)}1]}`);
    });
    const { verify, lines } = verifier(server.url);
    expect(await attempt(verify, server.url)).toMatchObject({ status: 503 });
    expect(lines[0]).toContain('the JWKS is larger than');
  });

  it.each([
    ['discoveryUrl', { discoveryUrl: 'http://identity.example/.well-known/openid-configuration' }, /`discoveryUrl` must be an https: URL/],
    ['jwksUri', { jwksUri: 'http://identity.example/certs' }, /`jwksUri` must be an https: URL/],
    ['jwksUri', { jwksUri: 'ftp://127.0.0.1/certs' }, /`jwksUri` must be an https: URL/],
    ['discoveryUrl', { discoveryUrl: 'not a url' }, /`discoveryUrl` is not a valid absolute URL/],
  ])('refuses a plain-http or invalid %s at construction', (_name, options, message) => {
    expect(() => verifier('https://issuer.example', options)).toThrow(message);
  });

  it('accepts https and loopback http at construction', () => {
    for (const url of ['https://identity.example/certs', 'http://127.0.0.1:9/certs', 'http://localhost:9/certs', 'http://[::1]:9/certs']) {
      expect(() => verifier('https://issuer.example', { jwksUri: url })).not.toThrow();
    }
  });
});

describe('the key set itself (jwksUri)', () => {
  it('counts one fetch per interval while the JWKS fails, then verifies once it is back', async () => {
    const server = await identityServer(down);
    const { verify, lines } = verifier(server.url, { jwksUri: `${server.url}/certs`, retryInterval: 100, maxRetryInterval: 100 });
    await Promise.all(Array.from({ length: 20 }, () => attempt(verify, server.url)));
    expect(server.count('/certs')).toBe(1);
    expect(lines[0]).toContain(`${server.url}/certs: the JWKS answered HTTP 503`);
    server.set(healthy);
    await sleep(150);
    expect(await attempt(verify, server.url)).toMatchObject({ iss: server.url });
    expect(server.count('/certs')).toBe(2);
  });
});
