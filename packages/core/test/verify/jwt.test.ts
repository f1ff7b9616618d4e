import { createSign, generateKeyPairSync, KeyObject, type webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureVerificationError, WebhookError } from '../../src/errors.js';
import { jwtVerifier, type JwtVerifierOptions } from '../../src/verify/jwt.js';
import { listen } from '../support/http-server.js';
import { rawPost } from '../support/request.js';

/**
 * The JWT verifier on its own: tokens come from jose's SignJWT, or are written out here with
 * node:crypto when jose refuses to make them (short keys, `crit`), never from finhooks' signer.
 */
const ISSUER = 'https://issuer.example';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Signer {
  kid: string;
  alg: string;
  privateKey: Parameters<SignJWT['sign']>[0];
  jwk: JWK;
}

async function signer(alg: 'RS256' | 'PS256' | 'ES256', kid: string): Promise<Signer> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg } };
}

let rs: Signer;
let ps: Signer;
let es: Signer;
let weak: { privateKey: KeyObject; jwk: JWK };

beforeAll(async () => {
  [rs, ps, es] = await Promise.all([signer('RS256', 'rs'), signer('PS256', 'ps'), signer('ES256', 'es')]);
  const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
  weak = {
    privateKey: pair.privateKey,
    jwk: { ...pair.publicKey.export({ format: 'jwk' }), kid: 'weak', alg: 'RS256' } as JWK,
  };
});

function verifier(options: Partial<JwtVerifierOptions> = {}) {
  return jwtVerifier({
    provider: 'acme',
    jwks: { keys: [rs.jwk, ps.jwk, es.jwk, weak.jwk] },
    issuer: ISSUER,
    algorithms: ['RS256', 'PS256', 'ES256'],
    maxAge: 300,
    ...options,
  });
}

function jwt(s: Signer, claims: JWTPayload = {}, iat = now()): Promise<string> {
  return new SignJWT({ events: { 'urn:x': { n: 1 } }, ...claims })
    .setProtectedHeader({ alg: s.alg, kid: s.kid })
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .sign(s.privateKey);
}

/** RS256 written out with node:crypto, for tokens jose will not produce. */
function handMade(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

const post = (token: string) => rawPost(token, { 'content-type': 'application/jwt' });

async function refusal(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookError);
  return error as WebhookError;
}

describe('jwtVerifier', () => {
  it.each(['RS256', 'PS256', 'ES256'] as const)(
    'accepts %s tokens signed by jose and returns the claims',
    async (alg) => {
      const s = { RS256: () => rs, PS256: () => ps, ES256: () => es }[alg]();
      const claims = await verifier()(post(await jwt(s, { jti: 'j1', sub: 'u1' })));
      expect(claims).toMatchObject({ iss: ISSUER, jti: 'j1', sub: 'u1', events: { 'urn:x': { n: 1 } } });
    },
  );

  it('accepts a token surrounded by whitespace (a trailing newline)', async () => {
    const token = await jwt(rs, { jti: 'nl' });
    expect(await verifier()(post(`\n ${token}\r\n`))).toMatchObject({ jti: 'nl' });
  });

  it('checks the audience against a string or an array claim', async () => {
    const verify = verifier({ audience: ['client-a', 'client-b'] });
    expect(await verify(post(await jwt(rs, { aud: 'client-b' })))).toMatchObject({ aud: 'client-b' });
    expect(await verify(post(await jwt(rs, { aud: ['other', 'client-a'] })))).toMatchObject({
      aud: ['other', 'client-a'],
    });
    const error = await refusal(verify(post(await jwt(rs, { aud: ['other'] }))));
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(error.message).toContain('"aud"');
  });

  const refused: Array<[string, () => Promise<string> | string, string]> = [
    [
      'a payload changed after signing',
      async () => {
        const [h, p, s] = (await jwt(rs)).split('.');
        const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
        return `${h}.${b64({ ...claims, events: { 'urn:x': { n: 2 } } })}.${s}`;
      },
      'invalid_signature',
    ],
    [
      'a signature from another key',
      async () => {
        const [h, p] = (await jwt(rs)).split('.');
        const [, , s] = (await jwt(ps)).split('.');
        return `${h}.${p}.${s}`;
      },
      'invalid_signature',
    ],
    ['an algorithm outside the allowed list', () => jwt(es), 'invalid_signature'],
    [
      'an RSA key shorter than 2048 bits',
      () => handMade({ alg: 'RS256', kid: 'weak' }, { iss: ISSUER, iat: now() }, weak.privateKey),
      'invalid_signature',
    ],
    [
      'a "crit" header extension',
      () => handMade({ alg: 'RS256', kid: 'weak', crit: ['exp'] }, { iss: ISSUER, iat: now() }, weak.privateKey),
      'invalid_signature',
    ],
    ['an expired exp', () => jwt(rs, { exp: now() - 60 }), 'timestamp_out_of_range'],
    ['an nbf in the future', () => jwt(rs, { nbf: now() + 600 }), 'timestamp_out_of_range'],
    [
      'no iat while a maximum age is set',
      () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rs' }).setIssuer(ISSUER).sign(rs.privateKey),
      'invalid_signature',
    ],
    [
      'a string iat',
      () =>
        new SignJWT({ iat: 'now' as never })
          .setProtectedHeader({ alg: 'RS256', kid: 'rs' })
          .setIssuer(ISSUER)
          .sign(rs.privateKey),
      'invalid_signature',
    ],
    [
      'no iss',
      () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rs' }).setIssuedAt().sign(rs.privateKey),
      'invalid_signature',
    ],
    ['five segments (a JWE)', () => 'a.b.c.d.e', 'invalid_signature'],
    ['an empty signature', async () => `${(await jwt(rs)).split('.').slice(0, 2).join('.')}.`, 'invalid_signature'],
    ['a header that is not JSON', () => `${Buffer.from('nope').toString('base64url')}.e30.c2ln`, 'invalid_signature'],
  ];
  it.each(refused)('refuses a token with %s (401)', async (_name, make, code) => {
    const error = await refusal(verifier({ algorithms: ['RS256', 'PS256'] })(post(await make())));
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect(error).toMatchObject({ status: 401, code });
  });

  it('refuses an ECDSA signature of the wrong length (401, not a crash)', async () => {
    const [h, p, sig] = (await jwt(es)).split('.') as [string, string, string];
    const short = Buffer.from(sig, 'base64url').subarray(0, 40).toString('base64url');
    const error = await refusal(verifier()(post(`${h}.${p}.${short}`)));
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    // Refused on its size, before the key is fetched or the segment decoded.
    expect(error.message).toContain('not the size of a ES256 signature');
  });

  it('refuses claims that are not an object, after the signature checked out', async () => {
    // jose signs only object claims: this signature is written out with node:crypto.
    const input = `${b64({ alg: 'ES256', kid: 'es' })}.${b64([1, 2])}`;
    const key = KeyObject.from(es.privateKey as webcrypto.CryptoKey);
    const signature = createSign('SHA256').update(input).sign({ key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    const error = await refusal(verifier()(post(`${input}.${signature}`)));
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(error.message).toContain('not a base64url-encoded JSON object');
  });

  it('decodes claims that span several decoding steps, multi-byte characters included', async () => {
    // ~300 KB of claims: the payload segment is decoded 16 KiB at a time, so step boundaries fall
    // inside multi-byte UTF-8 sequences and inside the id list.
    const ids = Array.from({ length: 6000 }, (_, i) => `tx-${i}-€é`);
    const note = 'Zürich → 東京 '.repeat(2000);
    const claims = await verifier()(post(await jwt(rs, { jti: 'big', events: { 'urn:x': { ids, note } } })));
    expect(claims.events).toEqual({ 'urn:x': { ids, note } });
  });

  /** A correctly signed token whose segments are written as given (RS256, node:crypto). */
  function signedAsWritten(header: string, payload: string): string {
    const input = `${header}.${payload}`;
    const key = KeyObject.from(rs.privateKey as webcrypto.CryptoKey);
    return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
  }

  /** Claims whose base64url length is 2 mod 4, so `==` is exactly the padding base64 would add. */
  function claimsSegment(): string {
    for (let extra = 30_000; ; extra++) {
      const segment = b64({ iss: ISSUER, iat: now(), pad: 'x'.repeat(extra) });
      if (segment.length % 4 === 2) return segment;
    }
  }

  it.each([
    ['padding', (p: string) => `${p}==`],
    ['a stray character in a later decoding step', (p: string) => `${p.slice(0, 20_000)}!${p.slice(20_001)}`],
    ['a space inside', (p: string) => `${p.slice(0, 10)} ${p.slice(11)}`],
    [
      "standard base64's + and / (found by fuzzing: Node's base64url decoder takes them)",
      (p: string) => `${p.slice(0, 10)}+${p.slice(11, 30)}/${p.slice(31)}`,
    ],
    ['an impossible length (1 mod 4)', (p: string) => `${p}AAA`],
  ])('refuses a signed token whose claims segment has %s (not base64url)', async (_name, spoil) => {
    const error = await refusal(
      verifier()(post(signedAsWritten(b64({ alg: 'RS256', kid: 'rs' }), spoil(claimsSegment())))),
    );
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(error.message).toContain('not a base64url-encoded JSON object');
  });

  it('refuses a header or signature segment that is not base64url', async () => {
    const token = await jwt(rs);
    const [h, p, s] = token.split('.') as [string, string, string];
    const badHeader = await refusal(verifier()(post(`${h}=.${p}.${s}`)));
    expect(badHeader).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(badHeader.message).toContain('not a valid signed JWT');
    // The signature segment is decoded last, once its size matched the key's: then it fails to verify.
    const badSignature = await refusal(verifier()(post(`${h}.${p}.${s.slice(0, 5)}*${s.slice(6)}`)));
    expect(badSignature).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(badSignature.message).toContain('does not verify');
  });

  it('requires the configured claims', async () => {
    const verify = verifier({ requiredClaims: ['jti'] });
    expect(await verify(post(await jwt(rs, { jti: 'x' })))).toMatchObject({ jti: 'x' });
    const error = await refusal(verify(post(await jwt(rs))));
    expect(error.message).toContain('"jti"');
  });

  it('never echoes claim values in its errors', async () => {
    const error = await refusal(verifier({ audience: 'mine' })(post(await jwt(rs, { aud: 'SSN-123-45-6789' }))));
    expect(error.message).not.toContain('SSN');
  });

  it('refuses unsupported algorithms when it is built', () => {
    expect(() => verifier({ algorithms: ['HS256'] })).toThrow(/unsupported JWT algorithm\(s\) HS256/);
    expect(() => verifier({ algorithms: [] })).toThrow(TypeError);
  });
});

describe('jwtVerifier with a remote key set', () => {
  let url: string;
  let close: () => Promise<void>;
  let status = 200;
  beforeAll(async () => {
    const server = await listen((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [rs.jwk] }));
    });
    ({ url, close } = server);
  });
  afterAll(() => close());

  it('answers 503 while the JWKS endpoint fails, then verifies once it is back', async () => {
    const verify = verifier({ jwks: undefined, jwksUri: `${url}/jwks` });
    status = 500;
    const error = await refusal(verify(post(await jwt(rs, { jti: 'r' }))));
    expect(error).toMatchObject({ status: 503, code: 'key_set_unavailable' });
    status = 200;
    expect(await verify(post(await jwt(rs, { jti: 'r' })))).toMatchObject({ jti: 'r' });
  });

  it('answers 401 for a kid the key set does not have', async () => {
    const verify = verifier({ jwks: undefined, jwksUri: `${url}/jwks` });
    const error = await refusal(verify(post(await jwt(ps))));
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(error.message).toContain('"kid"');
  });
});
