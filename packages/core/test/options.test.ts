import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atelio,
  atomic,
  createWebhooks,
  hmacVerifier,
  jwtVerifier,
  memoryStore,
  moneyhub,
  standardWebhooksVerifier,
} from '../src/index.js';

/**
 * Every option is checked at construction: a value that would switch a check off (NaN compares
 * false, so `age > tolerance` never holds) or a secret that is no secret stops start-up with a
 * TypeError naming the option, never quoting a secret.
 */
const ATOMIC = 'atomic-api-secret-1';
const ATELIO = 'whsec_XqTEJtniwuEhp0A1c1cTJNsmpR/qgOfB';
const STANDARD = `whsec_${Buffer.from('a 24-byte secret for test').toString('base64')}`;
const JWKS = { keys: [] };
const bad = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1];

describe('numbers that would switch a check off are refused at construction', () => {
  it.each(bad)('tolerance %s (atelio, standardWebhooksVerifier)', (value) => {
    expect(() => atelio({ secret: ATELIO, tolerance: value })).toThrow(/atelio: `tolerance` must be a finite number of seconds/);
    expect(() => standardWebhooksVerifier({ provider: 'acme', secrets: STANDARD, tolerance: value })).toThrow(
      /acme: `tolerance` must be a finite number/,
    );
  });

  it.each(bad)('maxAge and clockTolerance %s (moneyhub, jwtVerifier)', (value) => {
    const base = { jwks: JWKS, allowAnyAudience: true } as const;
    expect(() => moneyhub({ ...base, maxAge: value })).toThrow(/moneyhub: `maxAge` must be a finite number of seconds/);
    expect(() => moneyhub({ ...base, clockTolerance: value })).toThrow(/moneyhub: `clockTolerance`/);
    const verifier = { provider: 'acme', jwks: JWKS, algorithms: ['RS256'] };
    expect(() => jwtVerifier({ ...verifier, maxAge: value })).toThrow(/acme: `maxAge`/);
    expect(() => jwtVerifier({ ...verifier, maxAge: 300, clockTolerance: value })).toThrow(/acme: `clockTolerance`/);
  });

  it.each([...bad, 0, 1.5])('fetchTimeout, retryInterval, maxRetryInterval %s (integers of 1 ms or more)', (value) => {
    const base = { jwks: JWKS, allowAnyAudience: true } as const;
    for (const name of ['fetchTimeout', 'retryInterval', 'maxRetryInterval'] as const) {
      expect(() => moneyhub({ ...base, [name]: value })).toThrow(new RegExp(`moneyhub: \`${name}\` must be a positive integer`));
    }
  });

  it.each([...bad, 0, 1.5])('bodyLimit, bodyTimeout %s (createWebhooks)', (value) => {
    const provider = atomic({ secret: ATOMIC });
    expect(() => createWebhooks({ provider, bodyLimit: value })).toThrow(/createWebhooks: `bodyLimit` must be a positive integer number of bytes/);
    expect(() => createWebhooks({ provider, bodyTimeout: value })).toThrow(/createWebhooks: `bodyTimeout` must be a positive integer number of milliseconds/);
  });

  it.each([...bad, 0])('store TTLs and size %s (memoryStore)', (value) => {
    for (const name of ['ttl', 'leaseTtl', 'maxEntries'] as const) {
      expect(() => memoryStore({ [name]: value })).toThrow(new RegExp(`memoryStore: \`${name}\` must be a positive integer`));
    }
  });

  it('property: any non-finite or negative tolerance is refused, any finite one from 0 accepted', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const build = () => atelio({ secret: ATELIO, tolerance: value });
        if (Number.isFinite(value) && value >= 0) expect(build).not.toThrow();
        else expect(build).toThrow(TypeError);
      }),
    );
  });

  it('maxRetryInterval below retryInterval is refused', () => {
    expect(() => moneyhub({ jwks: JWKS, allowAnyAudience: true, retryInterval: 5000, maxRetryInterval: 1000 })).toThrow(/`maxRetryInterval` must be at least/);
  });
});

describe('secrets that are no secret are refused at construction, without being quoted', () => {
  const plain: Array<[string, string, RegExp]> = [
    ['empty', '', /is empty or only whitespace/],
    ['whitespace only', '    \t  ', /is empty or only whitespace/],
    ['short', 'short-secret', /shorter than 16 bytes/],
    ['padded', '  a-secret-long-enough-here ', /leading or trailing whitespace/],
  ];
  it.each(plain)('%s secret (atomic, atelio, hmacVerifier)', (_name, secret, reason) => {
    for (const build of [
      () => atomic({ secret }),
      () => atelio({ secret }),
      () => atelio({ secrets: [ATELIO, secret] }),
      () => hmacVerifier({ provider: 'acme', header: 'x-signature', secrets: secret }),
    ]) {
      expect(build).toThrow(reason);
      try {
        build();
      } catch (error) {
        if (secret.trim()) expect((error as Error).message).not.toContain(secret.trim());
      }
    }
  });

  it.each([
    ['whsec_ (empty key)', 'whsec_', /empty after its "whsec_" prefix/],
    ['@@@@ (decodes to nothing)', '@@@@', /not valid base64/],
    ['whsec_@@@@', 'whsec_@@@@', /not valid base64/],
    ['base64 with junk inside', `whsec_${Buffer.alloc(24, 1).toString('base64')}!!`, /not valid base64/],
    ['8 bytes', `whsec_${Buffer.alloc(8, 1).toString('base64')}`, /decodes to fewer than 16 bytes/],
  ])('standardWebhooksVerifier refuses %s', (_name, secret, reason) => {
    expect(() => standardWebhooksVerifier({ provider: 'acme', secrets: secret })).toThrow(reason);
  });

  it('standardWebhooksVerifier accepts 16+ bytes of strict base64, padded or not, with or without whsec_', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    for (const secret of [`whsec_${key}`, key, `whsec_${key.replace(/=+$/, '')}`]) {
      expect(() => standardWebhooksVerifier({ provider: 'acme', secrets: secret })).not.toThrow();
    }
  });

  it('property: a refused secret never appears in the error message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 15 }).filter((s) => s.trim().length >= 4), (secret) => {
        for (const build of [() => atomic({ secret }), () => standardWebhooksVerifier({ provider: 'acme', secrets: `whsec_${secret}` })]) {
          let message = '';
          try {
            build();
          } catch (error) {
            message = (error as Error).message;
          }
          expect(message).not.toBe('');
          expect(message).not.toContain(secret.trim());
        }
      }),
    );
  });

  it('refuses secrets of the wrong type, no secret at all, and secret together with secrets', () => {
    expect(() => atomic({ secret: 42 as never })).toThrow(/must be a string or an array of strings/);
    expect(() => atomic({} as never)).toThrow(/at least one signing secret is required/);
    expect(() => atelio({ secret: ATELIO, secrets: [ATELIO] })).toThrow(/`secret` or `secrets`, not both/);
    expect(() => atomic({ secret: ATOMIC, encodings: [] })).toThrow(/`encodings` must be a non-empty array/);
    expect(() => atomic({ secret: ATOMIC, encodings: ['hex', 'utf8' as never] })).toThrow(/`encodings`/);
  });
});

describe('other construction checks', () => {
  it('names the option for verifier and provider shapes', () => {
    expect(() => hmacVerifier({ provider: '', header: 'x-signature', secrets: ATOMIC })).toThrow(/`provider` must be a non-empty string/);
    expect(() => hmacVerifier({ provider: 'acme', header: 'X-Signature', secrets: ATOMIC })).toThrow(/`header` must be a lower-case header name/);
    expect(() => jwtVerifier({ provider: 'acme', jwks: JWKS, algorithms: ['RS256'], maxAge: 300, issuer: [] })).toThrow(/`issuer` must be a non-empty string/);
    expect(() => moneyhub({ jwks: JWKS, allowAnyAudience: true, issuer: 'not a url' })).toThrow(/`issuer` must be an absolute URL/);
    expect(() => moneyhub({ format: 'xml' as never })).toThrow(/`format` must be "jwt" \(default\) or "json"/);
    expect(() => createWebhooks({} as never)).toThrow(/`provider` is required/);
    expect(() => createWebhooks({ provider: atomic({ secret: ATOMIC }), onError: 'log' as never })).toThrow(/`onError` must be a function/);
  });
});
