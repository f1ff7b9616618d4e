import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDigest } from '../../src/index.js';

/** Digest headers decoded strictly: Buffer (an independent decoder) agrees on every valid one. */
describe('decodeDigest', () => {
  it('property: hex in either case gives the bytes Buffer reads from it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        const decoded = decodeDigest(upper ? hex.toUpperCase() : hex, ['hex']);
        expect(decoded && Buffer.from(decoded).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('property: 64 characters with any one outside 0-9a-fA-F are not hex', () => {
    const notHex = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[0-9a-f]/i.test(c));
    fc.assert(
      fc.property(fc.nat({ max: 63 }), notHex, (at, char) => {
        const text = `${'ab'.repeat(32).slice(0, at)}${char}${'ab'.repeat(32).slice(at + 1)}`;
        fc.pre(text.trim().length === 64);
        expect(decodeDigest(text, ['hex'])).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses the wrong length, and falls back to base64 when allowed', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(decodeDigest(bytes.toString('hex').slice(2), ['hex'])).toBeUndefined();
    expect(Buffer.from(decodeDigest(bytes.toString('base64'), ['hex', 'base64'])!).equals(bytes)).toBe(true);
    expect(Buffer.from(decodeDigest(` ${bytes.toString('hex')} `, ['hex'])!).equals(bytes)).toBe(true);
  });
});
