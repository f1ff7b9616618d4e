import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { atomic, createWebhooks, handleRequest } from '../src/index.js';
import { containsNumber, findInexactNumber, jsonPathAt, numberIsExact } from '../src/json-numbers.js';
import { decodeJsonObject } from '../src/provider.js';
import { MalformedPayloadError } from '../src/errors.js';
import { sampleBody } from '../src/testing.js';
import { json, rawPost } from './support/request.js';
import { atomicSignature } from './support/sign.js';

/** Money never changes silently: numbers JSON.parse cannot keep exactly are refused (400), by field name. */
describe('numberIsExact', () => {
  it.each([
    ['0.1', true],
    ['1.10', true],
    ['-0.0', true],
    ['1E2', true],
    ['0.30000000000000004', true],
    ['123456789012345.67', true],
    ['9007199254740992', true],
    ['9007199254740993', false],
    ['9007199254740993.01', false],
    ['12345678901234567890', false],
    ['0.1000000000000000055511151231257827', false],
    ['1e-400', false],
    ['1e400', false],
  ])('%s → %s', (token, exact) => {
    expect(numberIsExact(token)).toBe(exact);
  });

  it('property: every number JSON.stringify writes is exact (no false refusal)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(numberIsExact(JSON.stringify(value))).toBe(true);
      }),
    );
  });

  it('property: an integer beyond 2^53 that is not a double is inexact; any short decimal is exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 80n }), (n) => {
        expect(numberIsExact(String(n))).toBe(BigInt(Number(n)) === n);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999, max: 99_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (units, fraction) => {
          expect(numberIsExact(`${units}.${String(fraction).padStart(6, '0')}`)).toBe(true);
        },
      ),
    );
  });
});

describe('findInexactNumber / jsonPathAt', () => {
  it('finds the number and names its field, with array indexes', () => {
    const text = '{"data":{"statements":[{"amount":1},{"amount":9007199254740993.01}]}}';
    const offset = findInexactNumber(text)!;
    expect(text.slice(offset, offset + 5)).toBe('90071');
    expect(jsonPathAt(text, offset)).toBe('data.statements[1].amount');
  });

  it('reads pretty-printed JSON and quoted odd keys', () => {
    const text = '{\n  "a b": [\n    1,\n    { "x": 2, "y.z":  1e-400 }\n  ]\n}';
    expect(jsonPathAt(text, findInexactNumber(text)!)).toBe('["a b"][1]["y.z"]');
  });

  it('ignores digits inside strings (account numbers, ids)', () => {
    const text = JSON.stringify({
      accountNumber: '90071992547409930001',
      note: 'amount: 1e-400, 12345678901234567890',
      n: 12.5,
    });
    expect(findInexactNumber(text)).toBeUndefined();
  });

  it('property: a JSON.stringify-ed object of doubles and strings is never refused', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string())),
        (object) => {
          expect(findInexactNumber(JSON.stringify(object))).toBeUndefined();
        },
      ),
    );
  });
});

describe('containsNumber: the text scan runs only for bodies with a number', () => {
  /** Independent: a number token outside strings in the text JSON.stringify writes. */
  const hasNumberToken = (value: unknown) =>
    /(?:^|[:,[])-?\d/.test(JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"/g, '""'));

  it('property: says whether any value, however nested, is a number', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(containsNumber(value)).toBe(hasNumberToken(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('walks 200,000 levels of nesting without overflowing the stack', () => {
    const depth = 200_000;
    expect(containsNumber(JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`))).toBe(false);
    expect(containsNumber(JSON.parse(`${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`))).toBe(true);
  });

  it('decodeJsonObject still refuses an inexact number among strings, and passes long digits inside strings', () => {
    const refused = () =>
      decodeJsonObject(Buffer.from('{"id":"x","lines":[{"note":"n"},{"amount":9007199254740993}]}'));
    expect(refused).toThrow(MalformedPayloadError);
    expect(refused).toThrow('"lines[1].amount"');
    expect(decodeJsonObject(Buffer.from('{"account":"90071992547409930001","when":"1e-400"}'))).toEqual({
      account: '90071992547409930001',
      when: '1e-400',
    });
  });
});

describe('the pipeline refuses an Atomic amount it cannot keep', () => {
  const SECRET = 'atomic-api-secret-1';
  const sample = JSON.stringify(sampleBody('atomic', 'statements-added'));

  it('answers 400 inexact_number naming the field, not the value, and runs no handler', async () => {
    expect(sample).toContain('"amount":200');
    const body = sample.replace('"amount":200', '"amount":9007199254740993.01');
    const handler = vi.fn();
    const hooks = createWebhooks({
      provider: atomic({ secret: SECRET }),
      on: { '*': handler },
      onError: () => undefined,
    });
    const response = await handleRequest(
      hooks,
      rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET) }),
    );
    expect(response.status).toBe(400);
    const error = json(response).error!;
    expect(error.code).toBe('inexact_number');
    expect(error.message).toMatch(/The number at "data\.statements\[\d+\]\.[\w.[\]]*amount"/);
    expect(error.message).not.toContain('9007199254740993');
    expect(error.message).not.toContain('9007199254740994');
    expect(handler).not.toHaveBeenCalled();
  });

  it('delivers amounts that are exact, written any way (trailing zeros, exponent)', async () => {
    const body = sample.replace('"amount":200', '"amount":200.50e0');
    const handler = vi.fn();
    const hooks = createWebhooks({ provider: atomic({ secret: SECRET }), on: { '*': handler } });
    const response = await handleRequest(
      hooks,
      rawPost(body, { 'x-hmac-signature-sha-256': atomicSignature(body, SECRET) }),
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(handler.mock.calls[0]![0].payload)).toContain('"amount":200.5');
  });
});
