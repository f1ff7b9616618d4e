import { Buffer } from 'node:buffer';
import type { BytesImplementation } from './crypto-types.js';

/** Wraps bytes as a Buffer without copying, for Node's native decoders. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Characters decoded per step: a multiple of 4, so every step but the last ends on a whole group. */
const DECODE_STEP = 16 * 1024;
/** Bytes the last, partial group decodes to, by `length % 4` (1 is never valid). */
const TAIL_BYTES: readonly (number | undefined)[] = [0, undefined, 1, 2];
const PLUS = 0x2b;
const SLASH = 0x2f;

/**
 * A step at a time into one buffer: a 300 KB claims segment never becomes a 300 KB string, whose
 * allocation cost more than the decoding itself (bench/RESULTS.md, cost probes). Node's decoder
 * skips characters outside the alphabet and stops at `=`; either way it writes fewer bytes than
 * the length promises, which is how stray characters, whitespace and padding are refused. RFC 7515
 * allows none of them in a compact JWS (jose refuses stray characters, tolerates the other two).
 * Standard base64's `+` and `/` are refused first: Node would decode them too.
 */
function decodeBase64url(segment: Uint8Array): Uint8Array | undefined {
  const tail = TAIL_BYTES[segment.length % 4];
  if (tail === undefined) return undefined;
  if (segment.includes(PLUS) || segment.includes(SLASH)) return undefined;
  const source = asBuffer(segment);
  const expected = (segment.length >> 2) * 3 + tail;
  const decoded = Buffer.allocUnsafe(expected);
  let written = 0;
  for (let from = 0; from < segment.length; from += DECODE_STEP) {
    const to = Math.min(from + DECODE_STEP, segment.length);
    written += decoded.write(source.toString('latin1', from, to), written, 'base64url');
  }
  return written === expected ? decoded : undefined;
}

/**
 * Node's hex decoder, native: it stops at the first pair that is not hex, so a short result is a
 * refusal. It reads a character above 0xff by its low byte (`'\u0131'` as `'1'`), hence the
 * ASCII check first (one UTF-8 byte per character). A JS loop over a sliced header string cost ~4 k
 * instructions per 32-byte digest (bench/README.md, item 9).
 */
function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || Buffer.byteLength(hex, 'utf8') !== hex.length) return undefined;
  const decoded = Buffer.from(hex, 'hex');
  return decoded.byteLength * 2 === hex.length ? decoded : undefined;
}

export const bytes = {
  utf8: (data) => asBuffer(data).toString('utf8'),
  decodeBase64url,
  fromHex,
} satisfies BytesImplementation;
