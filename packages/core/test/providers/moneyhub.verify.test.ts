import { createHmac, createPublicKey } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhooks, handleRequest } from '../../src/index.js';
import { moneyhub } from '../../src/providers/moneyhub/index.js';
import { listen } from '../support/http-server.js';
import { json, rawPost } from '../support/request.js';

/**
 * Moneyhub JWT mode against a real OIDC discovery document and JWKS served over HTTP, with tokens
 * minted by jose's SignJWT in the test (never by finhooks' own signer).
 */
const KID = 'D9JANmYfSG_kbt2KRpTKo7QCNH2_RK-0a787yjm07zw';
const AUDIENCE = '5f5b5d8c-7b5e-4b8c-9f3e-2f1b2c3d4e5f';
const URN = 'urn:com:moneyhub:events:payment-completed';
const PAYLOAD = {
  paymentId: '0a0b0c0d-0000-4000-8000-000000000001',
  status: 'completed',
  paymentSubmissionId: '0a0b0c0d-0000-4000-8000-000000000002',
  submittedAt: '2020-10-01T10:06:21.000Z',
};

let issuer: string;
let close: () => Promise<void>;
let privateKey: CryptoKey;
let publicJwk: JWK;
let otherPrivateKey: CryptoKey;
const requests: string[] = [];
let discoveryUp = true;

beforeAll(async () => {
  ({ privateKey, publicKey: publicJwk } = await generateKeyPair('RS256', { extractable: true }).then(async (pair) => ({
    privateKey: pair.privateKey,
    publicKey: { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
  })));
  ({ privateKey: otherPrivateKey } = await generateKeyPair('RS256'));
  const server = await listen((req, res) => {
    requests.push(req.url ?? '');
    if (!discoveryUp) {
      res.writeHead(503).end();
    } else if (req.url === '/oidc/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/oidc/certs` }));
    } else if (req.url === '/oidc/certs') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  issuer = server.url;
  close = server.close;
});
afterAll(() => close());

interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  iss?: string;
  aud?: string;
  iat?: number;
  events?: Record<string, unknown>;
  jti?: string;
}

function token(options: TokenOptions = {}): Promise<string> {
  return new SignJWT({ events: options.events ?? { [URN]: PAYLOAD } })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setJti(options.jti ?? crypto.randomUUID())
    .setSubject('5c79210bbac25ecb5e71ac40')
    .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
    .sign(options.key ?? privateKey);
}

const jwtPost = (body: string, contentType = 'application/jwt') => rawPost(body, { 'content-type': contentType });

function setup(options: { maxAge?: number; retryInterval?: number } = {}) {
  const handler = vi.fn();
  const hooks = createWebhooks({ provider: moneyhub({ issuer, audience: AUDIENCE, ...options }), on: { '*': handler } });
  return { hooks, handler };
}

describe('moneyhub JWT mode, keys found by OIDC discovery', () => {
  it('verifies, normalises the JWT to the JSON envelope and routes it', async () => {
    const { hooks, handler } = setup();
    const jti = crypto.randomUUID();
    const response = await handleRequest(hooks, jwtPost(await token({ jti })));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0]).toMatchObject({
      provider: 'moneyhub',
      id: `id:${jti}`,
      type: 'paymentCompleted',
      payload: { id: jti, eventType: 'paymentCompleted', userId: '5c79210bbac25ecb5e71ac40', payload: PAYLOAD },
    });
    expect(requests).toContain('/oidc/.well-known/openid-configuration');
    expect(requests).toContain('/oidc/certs');
  });

  it('maps the payment-rejected URN to paymentError', async () => {
    const { hooks, handler } = setup();
    const events = { 'urn:com:moneyhub:events:payment-rejected': { ...PAYLOAD, status: 'rejected' } };
    expect((await handleRequest(hooks, jwtPost(await token({ events })))).status).toBe(200);
    expect(handler.mock.calls[0]![0].type).toBe('paymentError');
  });

  it('routes a URN outside the Moneyhub namespace as an unknown type', async () => {
    const { hooks, handler } = setup();
    const events = { 'urn:example:other': { a: 1 } };
    expect((await handleRequest(hooks, jwtPost(await token({ events })))).status).toBe(200);
    expect(handler.mock.calls[0]![0]).toMatchObject({ type: 'urn:example:other', known: false });
  });

  it('de-duplicates on jti', async () => {
    const { hooks, handler } = setup();
    const jti = crypto.randomUUID();
    await handleRequest(hooks, jwtPost(await token({ jti })));
    const again = await handleRequest(hooks, jwtPost(await token({ jti })));
    expect(json(again).duplicate).toBe(true);
    expect(handler).toHaveBeenCalledOnce();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bad: Array<[string, () => Promise<string> | string, string]> = [
    ['signed by another key under the same kid', () => token({ key: otherPrivateKey }), 'invalid_signature'],
    ['with an unknown kid', () => token({ kid: 'rotated-away' }), 'invalid_signature'],
    ['from another issuer', () => token({ iss: 'https://identity.evil.example' }), 'invalid_signature'],
    ['for another audience', () => token({ aud: 'someone-else' }), 'invalid_signature'],
    ['issued 6 minutes ago (max age 5 min)', () => token({ iat: now() - 360 }), 'timestamp_out_of_range'],
    ['issued in the future', () => token({ iat: now() + 120 }), 'timestamp_out_of_range'],
    ['with alg none', () => unsecuredToken(), 'invalid_signature'],
    ['HS256-signed with the public key as secret', () => hs256WithPublicKey(), 'invalid_signature'],
    ['that is not a JWT', () => 'definitely.not.ajwt', 'invalid_signature'],
    ['that is empty', () => '', 'missing_signature'],
  ];
  it.each(bad)('answers 401 for a token %s and runs no handler', async (_name, make, code) => {
    const { hooks, handler } = setup();
    const response = await handleRequest(hooks, jwtPost(await make()));
    expect(response.status).toBe(401);
    expect(json(response).error?.code).toBe(code);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 400 for a verified token that carries two events', async () => {
    const { hooks, handler } = setup();
    const events = { [URN]: PAYLOAD, 'urn:com:moneyhub:events:payment-pending': PAYLOAD };
    const response = await handleRequest(hooks, jwtPost(await token({ events })));
    expect(response.status).toBe(400);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 415 for a JSON body in JWT mode', async () => {
    const { hooks } = setup();
    const response = await handleRequest(hooks, jwtPost('{"eventType":"paymentCompleted"}', 'application/json'));
    expect(response.status).toBe(415);
  });

  it('answers 503 while the discovery document is unreachable, and recovers after retryInterval', async () => {
    const { hooks, handler } = setup({ retryInterval: 50 });
    discoveryUp = false;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await handleRequest(hooks, jwtPost(await token()));
      expect(response.status).toBe(503);
      expect(json(response).error?.code).toBe('key_set_unavailable');
    } finally {
      discoveryUp = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 80));
    logged.mockRestore();
    expect((await handleRequest(hooks, jwtPost(await token()))).status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('verifies against a key set given directly, without any request', async () => {
    const before = requests.length;
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: moneyhub({ issuer, audience: AUDIENCE, jwks: { keys: [publicJwk] } }), on: { paymentCompleted: handler } });
    expect((await handleRequest(hooks, jwtPost(await token()))).status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
    expect(requests.length).toBe(before);
  });
});

describe('moneyhub audience', () => {
  it('refuses to start without an audience, unless allowAnyAudience: true says so explicitly', () => {
    expect(() => moneyhub({ issuer, jwks: { keys: [publicJwk] } })).toThrow(/set `audience` to your Moneyhub API client id/);
    expect(() => moneyhub({ issuer, jwks: { keys: [publicJwk] }, audience: AUDIENCE, allowAnyAudience: true })).toThrow(
      /either `audience` or `allowAnyAudience: true`/,
    );
    // @ts-expect-error only `true` opts out
    expect(() => moneyhub({ issuer, jwks: { keys: [publicJwk] }, allowAnyAudience: false })).toThrow(/allowAnyAudience/);
  });

  it('refuses a token minted for another API client (401), and accepts it only with allowAnyAudience', async () => {
    const strict = createWebhooks({ provider: moneyhub({ issuer, jwks: { keys: [publicJwk] }, audience: AUDIENCE }) });
    const foreign = await token({ aud: 'another-client' });
    const refused = await handleRequest(strict, jwtPost(foreign));
    expect(refused.status).toBe(401);
    expect(json(refused).error?.message).toContain('"aud"');
    const open = createWebhooks({ provider: moneyhub({ issuer, jwks: { keys: [publicJwk] }, allowAnyAudience: true }) });
    expect((await handleRequest(open, jwtPost(foreign))).status).toBe(200);
  });
});

describe('moneyhub JSON mode (unsigned)', () => {
  it('is refused unless allowUnsigned is set', () => {
    // @ts-expect-error allowUnsigned is required by the types too
    expect(() => moneyhub({ format: 'json' })).toThrow(/unsigned/);
  });

  it('routes the documented envelope and warns once at start-up', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: moneyhub({ format: 'json', allowUnsigned: true }), on: { newTransactions: handler } });
    moneyhub({ format: 'json', allowUnsigned: true });
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings.filter((w) => /unsigned/.test(w))).toHaveLength(1);

    const body = JSON.stringify({
      id: 'abe168ce-1b2f-4c38-9c92-db5730485cb3',
      eventType: 'newTransactions',
      userId: '5c79210bbac25ecb5e71ac40',
      payload: { accounts: [{ id: '6d0baf11-248e-4c11-9c04-97b7758b4e04', transactions: ['d520402a-d982-43ee-b1d1-bdfd282249ea'] }] },
    });
    const response = await handleRequest(hooks, rawPost(body));
    expect(response.status).toBe(200);
    expect(handler.mock.calls[0]![0]).toMatchObject({ id: 'id:abe168ce-1b2f-4c38-9c92-db5730485cb3', type: 'newTransactions' });
  });
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function unsecuredToken(): string {
  const claims = { iss: issuer, aud: AUDIENCE, jti: 'x', iat: Math.floor(Date.now() / 1000), events: { [URN]: PAYLOAD } };
  return `${base64url({ alg: 'none', kid: KID })}.${base64url(claims)}.`;
}

/** The classic key-confusion forgery: HMAC keyed with the RSA public key, hoping the verifier takes alg from the token. */
function hs256WithPublicKey(): string {
  const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const claims = { iss: issuer, aud: AUDIENCE, jti: 'y', iat: Math.floor(Date.now() / 1000), events: { [URN]: PAYLOAD } };
  const input = `${base64url({ alg: 'HS256', kid: KID })}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}
