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

export const bytes = {
  utf8: (data) => decoder.decode(data),
  decodeBase64url,
} satisfies BytesImplementation;
