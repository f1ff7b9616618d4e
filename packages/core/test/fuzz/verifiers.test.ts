import {
  createHmac,
  createPublicKey,
  createSign,
  KeyObject,
  verify as cryptoVerify,
  type webcrypto,
} from 'node:crypto';
import fc from 'fast-check';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Hundreds of cases per property on a shared, loaded machine: the per-case bound is the real check.
vi.setConfig({ testTimeout: 120_000 });
import { WebhookError } from '../../src/errors.js';
import { standardWebhooksVerifier } from '../../src/index.js';
import { atelio } from '../../src/providers/atelio/index.js';
import { atomic } from '../../src/providers/atomic/index.js';
import type { RawHeaders, RawRequest } from '../../src/request.js';
import { decodeBase64url, parseCompactJws } from '../../src/verify/compact-jws.js';
import { jwtVerifier } from '../../src/verify/jwt.js';

/**
 * Property-based fuzzing of everything that reads a request before its signature is verified:
 * any input yields success or a `WebhookError` (401), never another exception; success only when
 * an independent oracle (node:crypto written out here, or the exact tokens jose signed) says the
 * request is validly signed; every call within a generous time bound (a loaded 2-core machine).
 */
const TIME_BOUND_MS = 1000;
const RUNS = { numRuns: 300 };
const SECRET = 'whsec_fuzz-secret';
const now = () => Math.floor(Date.now() / 1000);

/** Trims the whitespace a compact JWS may carry around it (ASCII only, as RFC 7515 parsers do). */
const asciiTrim = (text: string) => text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');

type Outcome = { ok: true; value: unknown } | { ok: false; error: WebhookError };

/** Runs a verification, timing it; fails the property on any non-WebhookError exception or a slow call. */
async function outcome(run: () => unknown): Promise<Outcome> {
  const started = performance.now();
  let result: Outcome;
  try {
    result = { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof WebhookError)) throw new Error(`not a WebhookError: ${String(error)}`, { cause: error });
    expect(error.status).toBe(401);
    result = { ok: false, error };
  }
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  return result;
}

/** Bytes, mostly small, sometimes large (up to ~256 KiB of a repeated pattern: cheap to generate). */
const bodyBytes = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 3, arbitrary: fc.json().map((text) => Buffer.from(text)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 32_768 }))
      .map(([unit, times]) => Buffer.from(unit.repeat(times))),
  },
);

/** Header text: random, from the scheme's own alphabet, or huge. */
const headerText = (alphabet: string) =>
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 300 }),
    fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 20_000 }),
      )
      .map(([unit, times]) => unit.repeat(times)),
  );

/** A header value as Node may hand it: a string, or an array for a repeated header. */
const headerValue = (text: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }) });

function request(headers: RawHeaders, body: Uint8Array): RawRequest {
  return { method: 'POST', headers, rawBody: body };
}

const hmac = (key: string | Buffer, ...parts: (string | Uint8Array)[]) => {
  const h = createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h.digest();
};

describe('Atomic X-HMAC-Signature-Sha-256', () => {
  const provider = atomic({ secret: SECRET });
  const header = 'x-hmac-signature-sha-256';

  /** Independent oracle: the first header value, trimmed, decodes (hex, else base64) to the body's digest. */
  function validlySigned(sent: string | string[] | undefined, body: Uint8Array): boolean {
    const value = (Array.isArray(sent) ? sent[0] : sent)?.trim() ?? '';
    const digest = hmac(SECRET, body);
    return [Buffer.from(value, 'hex'), Buffer.from(value, 'base64'), Buffer.from(value, 'base64url')].some((d) =>
      d.equals(digest),
    );
  }

  it('any header and body: success only when validly signed, else a 401, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        fc.option(headerValue(headerText('0123456789abcdefABCDEF+/=_- ')), { nil: undefined }),
        async (body, sent) => {
          const result = await outcome(() => provider.verify(request({ [header]: sent }, body)));
          if (result.ok) expect(validlySigned(sent, body)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('a genuine digest, padded with whitespace or in another encoding, passes', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        fc.constantFrom('hex', 'HEX', 'base64', 'base64url'),
        fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 4 }),
        async (body, encoding, pad) => {
          const digest = hmac(SECRET, body);
          const text =
            encoding === 'HEX' ? digest.toString('hex').toUpperCase() : digest.toString(encoding as BufferEncoding);
          const result = await outcome(() => provider.verify(request({ [header]: `${pad}${text}${pad}` }, body)));
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Atelio Bond-Signature', () => {
  const provider = atelio({ secret: SECRET });
  const entry = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc
      .constantFrom('t', 'v1', 'v2', ' v2', 'T', '')
      .chain((key) => headerText('0123456789abcdef=').map((value) => `${key}=${value}`)),
  );

  /** Independent oracle: some `v2` entry is the hex digest of `${t}.${body}` for the header's last `t`. */
  function validlySigned(sent: string, body: Uint8Array): boolean {
    const entries = sent.split(',').map((e) => [e.slice(0, e.indexOf('=')).trim(), e.slice(e.indexOf('=') + 1).trim()]);
    const t = entries.filter(([k]) => k === 't').at(-1)?.[1];
    if (!t) return false;
    const expected = hmac(SECRET, `${t}.`, body).toString('hex');
    return entries.some(([k, v]) => k === 'v2' && v!.toLowerCase() === expected);
  }

  it('any header and body: success only when validly signed, else a 401, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        fc.array(entry, { maxLength: 30 }),
        fc.constantFrom(',', ', ', ',,'),
        async (body, entries, separator) => {
          const sent = entries.join(separator);
          const result = await outcome(() => provider.verify(request({ 'bond-signature': sent }, body)));
          if (result.ok) expect(validlySigned(sent, body)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('a genuine v2 among arbitrary other entries passes when at most 10 v2 entries, else signature_too_large', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        fc.array(fc.constantFrom(`v2=${'ab'.repeat(32)}`, `v1=${'cd'.repeat(32)}`, 'x=1'), { maxLength: 14 }),
        fc.nat(),
        async (body, others, at) => {
          const t = now();
          const genuine = `v2=${hmac(SECRET, `${t}.`, body).toString('hex')}`;
          const entries: string[] = [...others];
          entries.splice(at % (entries.length + 1), 0, genuine);
          const sent = [`t=${t}`, ...entries].join(',');
          const v2Count = entries.filter((e) => e.startsWith('v2=')).length;
          const result = await outcome(() => provider.verify(request({ 'bond-signature': sent }, body)));
          if (v2Count <= 10) expect(result.ok).toBe(true);
          else expect(result).toMatchObject({ ok: false, error: { code: 'signature_too_large' } });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('Standard Webhooks headers', () => {
  const key = Buffer.from('a fuzzing key of 32 bytes length');
  const verify = standardWebhooksVerifier({ provider: 'acme', secrets: `whsec_${key.toString('base64')}` });

  it('any webhook-* headers and body: success only when validly signed, else a 401, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        fc.option(headerValue(headerText('abc_-0123456789')), { nil: undefined }),
        fc.option(fc.oneof(fc.constant(String(now())), headerValue(headerText('0123456789 '))), { nil: undefined }),
        fc.option(headerValue(headerText('v1,a+/=AZ09 ')), { nil: undefined }),
        async (body, id, timestamp, signature) => {
          const headers = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
          const result = await outcome(() => verify(request(headers, body)));
          if (!result.ok) return;
          // Oracle: a "v1," entry is the base64 HMAC of `${id}.${timestamp}.${body}` (first values).
          const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
          const expected = hmac(key, `${first(id)}.${first(timestamp)}.`, body).toString('base64');
          expect(first(signature).split(' ')).toContain(`v1,${expected}`);
        },
      ),
      RUNS,
    );
  });
});

describe('compact JWS decoding', () => {
  it('decodeBase64url accepts exactly unpadded base64url and agrees with Buffer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.base64String().map((s) => s.replace(/\+/g, '-').replace(/\//g, '_')),
          fc.string({ maxLength: 64 }),
        ),
        (text) => {
          const decoded = decodeBase64url(Buffer.from(text, 'latin1'));
          const wellFormed =
            /^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 !== 1 && Buffer.byteLength(text, 'latin1') === text.length;
          expect(decoded !== undefined).toBe(wellFormed);
          if (decoded) expect(Buffer.from(decoded).equals(Buffer.from(text, 'base64url'))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseCompactJws splits into three dot-free segments that rebuild the trimmed body, or refuses', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '\n', '='), maxLength: 40 }),
            fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
          ),
          { maxLength: 6 },
        ),
        (parts) => {
          const body = Buffer.from(parts.join(''), 'latin1');
          const jws = parseCompactJws(body);
          if (!jws) return;
          const rebuilt = Buffer.concat([
            jws.encodedHeader,
            Buffer.from('.'),
            jws.encodedPayload,
            Buffer.from('.'),
            jws.encodedSignature,
          ]);
          expect(rebuilt.toString('latin1')).toBe(asciiTrim(body.toString('latin1')));
          for (const segment of [jws.encodedHeader, jws.encodedPayload, jws.encodedSignature])
            expect(segment.includes(0x2e)).toBe(false);
          expect(jws.encodedHeader.length).toBeGreaterThan(0);
          expect(jws.encodedSignature.length).toBeGreaterThan(0);
          expect(
            Buffer.from(jws.signingInput).equals(
              Buffer.concat([jws.encodedHeader, Buffer.from('.'), jws.encodedPayload]),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('JWT verifier', () => {
  const ISSUER = 'https://issuer.example';
  let verify: ReturnType<typeof jwtVerifier>;
  let rsKey: KeyObject;
  let esKey: KeyObject;
  const genuine = new Set<string>();
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  beforeAll(async () => {
    const rs = await generateKeyPair('RS256', { extractable: true });
    const es = await generateKeyPair('ES256', { extractable: true });
    rsKey = KeyObject.from(rs.privateKey as webcrypto.CryptoKey);
    esKey = KeyObject.from(es.privateKey as webcrypto.CryptoKey);
    const jwks: JWK[] = [
      { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256' },
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' },
    ];
    verify = jwtVerifier({
      provider: 'acme',
      jwks: { keys: jwks },
      issuer: ISSUER,
      algorithms: ['RS256', 'ES256'],
      maxAge: 300,
    });
    for (const [alg, kid, key] of [
      ['RS256', 'rs', rs.privateKey],
      ['ES256', 'es', es.privateKey],
    ] as const) {
      genuine.add(
        await new SignJWT({ n: 1 }).setProtectedHeader({ alg, kid }).setIssuer(ISSUER).setIssuedAt().sign(key),
      );
    }
  });

  /** A header segment: JSON headers of every shape, random base64url, or huge. */
  const headerSegment = fc.oneof(
    fc
      .record({
        alg: fc.constantFrom('RS256', 'ES256', 'none', 'HS256', 'PS256'),
        kid: fc.constantFrom('rs', 'es', 'x'),
        crit: fc.option(fc.constant(['b64']), { nil: undefined }),
      })
      .map(b64),
    fc.jsonValue().map(b64),
    fc.string({ unit: fc.constantFrom('e', 'y', 'J', '0', '_', '-', '='), maxLength: 60 }),
    fc.integer({ min: 1000, max: 200_000 }).map((n) => 'eyJh'.repeat(n / 4)),
  );
  const payloadSegment = fc.oneof(
    fc.record({ iss: fc.constantFrom(ISSUER, 'x'), iat: fc.constantFrom(now(), now() - 10_000, 'x') }).map(b64),
    fc.jsonValue().map(b64),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 1000, max: 300_000 }).map((n) => 'QUFB'.repeat(n / 4)),
  );
  const signatureSegment = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 600 }).map((b) => Buffer.from(b).toString('base64url')),
    fc
      .constantFrom(256, 64)
      .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
      .map((b) => Buffer.from(b).toString('base64url')),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 1000, max: 300_000 }).map((n) => 'A'.repeat(n)),
  );
  /** Sometimes a correct signature over the arbitrary signing input, so key selection and claims are reached. */
  const token = fc
    .tuple(headerSegment, payloadSegment, signatureSegment, fc.nat(3), fc.constantFrom('', ' ', '\n', ' '.repeat(100)))
    .map(([h, p, s, mode, space]) => {
      const input = `${h}.${p}`;
      const signature =
        mode === 0
          ? createSign('RSA-SHA256').update(input).sign(rsKey).toString('base64url')
          : mode === 1
            ? createSign('SHA256').update(input).sign({ key: esKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')
            : s;
      return `${space}${input}.${signature}${space}`;
    });

  it('any body: claims only for a validly signed token, else a 401, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: token }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }),
        async (body) => {
          const result = await outcome(() =>
            verify(request({ 'content-type': 'application/jwt' }, Buffer.from(body, 'latin1'))),
          );
          if (!result.ok) return;
          // Oracle: the signature verifies with node:crypto under the header's own algorithm and the kid's key.
          const [h, p, s] = asciiTrim(body).split('.') as [string, string, string];
          const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string; kid: string };
          const publicKey = createPublicKey(header.alg === 'RS256' ? rsKey : esKey);
          const valid = cryptoVerify(
            'sha256',
            Buffer.from(`${h}.${p}`),
            header.alg === 'RS256' ? { key: publicKey } : { key: publicKey, dsaEncoding: 'ieee-p1363' },
            Buffer.from(s, 'base64url'),
          );
          expect(valid).toBe(true);
          expect(header.kid).toBe(header.alg === 'RS256' ? 'rs' : 'es');
        },
      ),
      RUNS,
    );
  });

  it('the tokens jose signed verify', async () => {
    for (const t of genuine) expect((await outcome(() => verify(request({}, Buffer.from(t))))).ok).toBe(true);
  });
});
