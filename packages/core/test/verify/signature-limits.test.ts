import { createHmac, createSign, KeyObject, type webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignatureVerificationError, WebhookError } from '../../src/errors.js';
import { standardWebhooksVerifier } from '../../src/index.js';
import { atelio } from '../../src/providers/atelio/index.js';
import { atomic } from '../../src/providers/atomic/index.js';
import { jwtVerifier } from '../../src/verify/jwt.js';
import { HINT_SCAN_BYTES, looksLikeJsonStringifyOutput, reserialisedHint } from '../../src/verify/reserialised-hint.js';
import { SIGNATURE_LIMITS } from '../../src/verify/signature-limits.js';
import { rawPost } from '../support/request.js';
import { atelioSignatureHeader, atomicSignature } from '../support/sign.js';

/** Size caps on unauthenticated input: each refused before parsing or decoding, 401, never echoing the value. */
const SECRET = 'whsec_limits-test-secret';
const BODY = JSON.stringify({ event: 'card.created', occurred_at: '2026-01-01T00:00:00Z', card: { card_id: 'c-1' } });
const now = () => Math.floor(Date.now() / 1000);

async function thrown(run: () => unknown): Promise<WebhookError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return error as WebhookError;
  }
  throw new Error('expected a refusal');
}

function expectTooLarge(error: WebhookError, marker: string): void {
  expect(error).toBeInstanceOf(SignatureVerificationError);
  expect(error).toMatchObject({ status: 401, code: 'signature_too_large' });
  expect(error.message).not.toContain(marker);
}

describe('digest header (Atomic)', () => {
  const provider = atomic({ secret: SECRET });

  it('accepts a digest with surrounding spaces within the cap', () => {
    const digest = ` ${atomicSignature(BODY, SECRET)} `;
    expect(() => provider.verify(rawPost(BODY, { 'x-hmac-signature-sha-256': digest }))).not.toThrow();
  });

  it(`refuses a header longer than ${SIGNATURE_LIMITS.digestHeader} characters unread`, async () => {
    const huge = `${atomicSignature(BODY, SECRET)}${'Q'.repeat(SIGNATURE_LIMITS.digestHeader)}`;
    expectTooLarge(await thrown(() => provider.verify(rawPost(BODY, { 'x-hmac-signature-sha-256': huge }))), 'QQQQ');
  });
});

describe('Bond-Signature (Atelio)', () => {
  const provider = atelio({ secret: SECRET });
  const wrong = `v2=${'ab'.repeat(32)}`;

  it(`accepts ${SIGNATURE_LIMITS.signaturesPerHeader} v2 entries, the genuine one last`, () => {
    const genuine = atelioSignatureHeader(BODY, SECRET);
    const header = `${genuine.slice(0, genuine.indexOf(',v2='))},${Array(SIGNATURE_LIMITS.signaturesPerHeader - 1)
      .fill(wrong)
      .join(',')}${genuine.slice(genuine.indexOf(',v2='))}`;
    expect(() => provider.verify(rawPost(BODY, { 'bond-signature': header }))).not.toThrow();
  });

  it('refuses one v2 entry too many, even with the genuine one among them', async () => {
    const genuine = atelioSignatureHeader(BODY, SECRET);
    const header = `${genuine},${Array(SIGNATURE_LIMITS.signaturesPerHeader).fill(wrong).join(',')}`;
    expectTooLarge(await thrown(() => provider.verify(rawPost(BODY, { 'bond-signature': header }))), 'abab');
  });

  it(`refuses a header longer than ${SIGNATURE_LIMITS.signatureListHeader} characters`, async () => {
    const header = `t=${now()},v2=${'cd'.repeat(32)},x=${'y'.repeat(SIGNATURE_LIMITS.signatureListHeader)}`;
    expectTooLarge(await thrown(() => provider.verify(rawPost(BODY, { 'bond-signature': header }))), 'yyyy');
  });
});

describe('webhook-* headers (Standard Webhooks)', () => {
  const key = `whsec_${Buffer.from('a 24-byte secret for test').toString('base64')}`;
  const verify = standardWebhooksVerifier({ provider: 'acme', secrets: key });
  const signed = (id = 'msg_1') => {
    const at = new Date();
    return { id, at, signature: new Webhook(key).sign(id, at, BODY) };
  };
  const headers = (id: string, at: Date, signature: string) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  });

  it(`accepts ${SIGNATURE_LIMITS.signaturesPerHeader} signatures, the genuine one last`, () => {
    const { id, at, signature } = signed();
    const list = [...Array(SIGNATURE_LIMITS.signaturesPerHeader - 1).fill(`v1,${'A'.repeat(43)}=`), signature].join(
      ' ',
    );
    expect(() => verify(rawPost(BODY, headers(id, at, list)))).not.toThrow();
  });

  it('refuses one signature too many', async () => {
    const { id, at, signature } = signed();
    const list = [...Array(SIGNATURE_LIMITS.signaturesPerHeader).fill('v1a,Zm9v'), signature].join(' ');
    expectTooLarge(await thrown(() => verify(rawPost(BODY, headers(id, at, list)))), 'Zm9v');
  });

  it('refuses a huge webhook-signature or webhook-id', async () => {
    const { id, at, signature } = signed();
    const longList = `${signature} ${'v'.repeat(SIGNATURE_LIMITS.signatureListHeader)}`;
    expectTooLarge(await thrown(() => verify(rawPost(BODY, headers(id, at, longList)))), 'vvvv');
    const longId = 'm'.repeat(SIGNATURE_LIMITS.signedHeader + 1);
    expectTooLarge(await thrown(() => verify(rawPost(BODY, headers(longId, at, signature)))), 'mmmm');
  });
});

describe('compact JWS segments', () => {
  const ISSUER = 'https://issuer.example';
  let privateKey: Parameters<SignJWT['sign']>[0];
  let jwk: JWK;
  let verify: ReturnType<typeof jwtVerifier>;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ events: { 'urn:x': {} }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'rs' })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .sign(privateKey);
  const post = (body: string) => rawPost(body, { 'content-type': 'application/jwt' });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'rs', alg: 'RS256' };
    verify = jwtVerifier({
      provider: 'acme',
      jwks: { keys: [jwk] },
      issuer: ISSUER,
      algorithms: ['RS256'],
      maxAge: 300,
    });
  });

  it('accepts a token with a little whitespace around it', async () => {
    await expect(verify(post(`\r\n  ${await token()}\n`))).resolves.toMatchObject({ iss: ISSUER });
  });

  it('answers missing_signature for a short blank body, invalid_signature for a long one (not scanned in full)', async () => {
    expect(await thrown(() => verify(post(' \n\t')))).toMatchObject({ code: 'missing_signature' });
    expect(await thrown(() => verify(post(' '.repeat(1024 * 1024))))).toMatchObject({ code: 'invalid_signature' });
    expect(await thrown(async () => verify(post(`${' '.repeat(65)}${await token()}`)))).toMatchObject({
      code: 'invalid_signature',
    });
  });

  it(`refuses a header segment longer than ${SIGNATURE_LIMITS.jwsHeaderSegment} characters before decoding it`, async () => {
    // A correctly signed token: only the header's size refuses it.
    const header = b64({ alg: 'RS256', kid: 'rs', pad: 'p'.repeat(SIGNATURE_LIMITS.jwsHeaderSegment) });
    const input = `${header}.${b64({ iss: ISSUER, iat: now() })}`;
    const key = KeyObject.from(privateKey as webcrypto.CryptoKey);
    const signed = `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
    expectTooLarge(await thrown(() => verify(post(signed))), 'cGFk');
  });

  it('refuses a signature segment larger than any RS256 signature before fetching a key', async () => {
    const [h, p] = (await token()).split('.') as [string, string];
    const error = await thrown(() => verify(post(`${h}.${p}.${'A'.repeat(1024 * 1024)}`)));
    expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
    expect(error.message).toContain('not the size of a RS256 signature');
  });

  it("refuses a signature one byte off the key's size without decoding it", async () => {
    const [h, p, s] = (await token()).split('.') as [string, string, string];
    const signature = Buffer.from(s, 'base64url');
    for (const wrong of [signature.subarray(1), Buffer.concat([Buffer.from([0]), signature])]) {
      const error = await thrown(() => verify(post(`${h}.${p}.${wrong.toString('base64url')}`)));
      expect(error).toMatchObject({ status: 401, code: 'invalid_signature' });
      expect(error.message).toContain('does not verify');
    }
  });
});

describe('the re-serialised hint (bounded: reads at most the first 4 KiB)', () => {
  const value = { event: 'x', note: 'spaces inside strings are fine', list: [1, { a: 'b\\"c' }] };

  it('hints for JSON.stringify output, large or small', () => {
    expect(reserialisedHint(Buffer.from(JSON.stringify(value)))).toMatch(/re-serialised/);
    const large = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `item ${i}` })) });
    expect(large.length).toBeGreaterThan(1024 * 1024);
    expect(looksLikeJsonStringifyOutput(Buffer.from(large))).toBe(true);
  });

  it.each([
    ['pretty-printed', JSON.stringify(value, null, 2)],
    ["Python's json.dumps style", '{"event": "x", "list": [1, 2]}'],
    ['not JSON', 'event=x&note=y'],
    ['empty', ''],
    ['a bare string', '"x"'],
    ['a leading space', ` ${JSON.stringify(value)}`],
  ])('gives no hint for %s', (_name, body) => {
    expect(reserialisedHint(Buffer.from(body))).toBe('');
  });

  it('reads no further than the first 4 KiB', () => {
    const body = `{"a":"${'x'.repeat(HINT_SCAN_BYTES)}", "b": 1}`;
    expect(looksLikeJsonStringifyOutput(Buffer.from(body))).toBe(true);
  });

  it('is still given by a refusing verifier for a small compact body', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const error = await thrown(() =>
      atomic({ secret: SECRET }).verify(
        rawPost(BODY, { 'x-hmac-signature-sha-256': createHmac('sha256', SECRET).update(pretty).digest('hex') }),
      ),
    );
    expect(error.message).toMatch(/re-serialised/);
  });
});
