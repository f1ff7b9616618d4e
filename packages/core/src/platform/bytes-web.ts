import type { BytesImplementation } from './crypto-types.js';

const decoder = new TextDecoder();

/** base64url alphabet value by character code; 255 for anything else (padding, `+`, `/`, whitespace). */
const VALUES = new Uint8Array(128).fill(255);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
/** Bytes the last, partial group decodes to, by `length % 4` (1 is never valid). */
const TAIL_BYTES: readonly (number | undefined)[] = [0, undefined, 1, 2];

/** Strict decoding in one pass over the bytes, without building a string (the segment may be 300 KB). */
function decodeBase64url(segment: Uint8Array): Uint8Array | undefined {
  const tail = TAIL_BYTES[segment.length % 4];
  if (tail === undefined) return undefined;
  const out = new Uint8Array((segment.length >> 2) * 3 + tail);
  let bits = 0;
  let count = 0;
  let written = 0;
  for (let i = 0; i < segment.length; i++) {
    const code = segment[i]!;
    const value = code < 128 ? VALUES[code]! : 255;
    if (value === 255) return undefined;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[written++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

/** Each latin1 character's hex value, -1 for a character that is not a hex digit. */
const HEX_VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUES['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** By table, without a branch per character. */
function fromHex(hex: string): Uint8Array | undefined {
  const out = new Uint8Array(hex.length >> 1);
  // Stays 0 while every character is a hex digit: a code above 0xff or a -1 from the table sets bits.
  let invalid = hex.length & 1;
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    const a = hex.charCodeAt(j);
    const b = hex.charCodeAt(j + 1);
    const high = HEX_VALUES[a & 0xff]!;
    const low = HEX_VALUES[b & 0xff]!;
    invalid |= ((a | b) >> 8) | ((high | low) >> 4);
    out[i] = (high << 4) | low;
  }
  return invalid === 0 ? out : undefined;
}

export const bytes = {
  utf8: (data) => decoder.decode(data),
  decodeBase64url,
  fromHex,
} satisfies BytesImplementation;
