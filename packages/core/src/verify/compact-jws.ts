/**
 * A compact JWS (`header.payload.signature`) read straight from the request bytes.
 *
 * Why not hand the token to jose: on Node 20 jose decodes base64url with `atob` and a per-byte
 * loop and needs the body as a string, which made a 250 KB Moneyhub token cost ~3 ms, most of it
 * decoding (see bench/RESULTS.md). Here the signing input is the body's own bytes (no copy), and
 * segments decode with `Buffer`'s native base64url, a step at a time. jose still fetches, caches
 * and selects keys.
 */
export interface CompactJws {
  /** `BASE64URL(header) "." BASE64URL(payload)`: what the signature covers, exactly as received. */
  readonly signingInput: Buffer;
  /** The three segments, still base64url: each is decoded only once its size is known to be sane. */
  readonly encodedHeader: Buffer;
  /** Decode it (`decodeBase64url`) only once the signature checked out. */
  readonly encodedPayload: Buffer;
  readonly encodedSignature: Buffer;
}

const DOT = 0x2e;

/**
 * Whitespace tolerated around the token (a trailing newline is common and harmless). Bounded, so
 * a body of nothing but whitespace is refused after a few bytes rather than scanned byte by byte.
 */
export const MAX_SURROUNDING_SPACE = 64;

/** ASCII whitespace around the token. */
export function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** True for an empty body or one of a little whitespace only (the bounded scan: see `MAX_SURROUNDING_SPACE`). */
export function isBlank(body: Buffer): boolean {
  return body.length <= 2 * MAX_SURROUNDING_SPACE && body.every(isAsciiSpace);
}

/**
 * Splits a compact JWS without decoding anything (native `indexOf` only), or returns undefined
 * when the bytes are not one: no or too many dots, an empty header or signature, more than
 * `MAX_SURROUNDING_SPACE` whitespace bytes at either end.
 */
export function parseCompactJws(body: Buffer): CompactJws | undefined {
  let start = 0;
  let end = body.length;
  const startLimit = Math.min(end, MAX_SURROUNDING_SPACE + 1);
  while (start < startLimit && isAsciiSpace(body[start]!)) start++;
  const endLimit = Math.max(start, end - MAX_SURROUNDING_SPACE - 1);
  while (end > endLimit && isAsciiSpace(body[end - 1]!)) end--;
  if (start > MAX_SURROUNDING_SPACE || body.length - end > MAX_SURROUNDING_SPACE) return undefined;
  const first = body.indexOf(DOT, start);
  if (first <= start || first >= end) return undefined;
  const second = body.indexOf(DOT, first + 1);
  if (second === -1 || second >= end - 1) return undefined;
  const third = body.indexOf(DOT, second + 1);
  if (third !== -1 && third < end) return undefined;
  return {
    signingInput: body.subarray(start, second),
    encodedHeader: body.subarray(start, first),
    encodedPayload: body.subarray(first + 1, second),
    encodedSignature: body.subarray(second + 1, end),
  };
}

/** Length in characters of `bytes` bytes as unpadded base64url. */
export function base64urlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/** Characters decoded per step: a multiple of 4, so every step but the last ends on a whole group. */
const DECODE_STEP = 16 * 1024;
/** Bytes the last, partial group decodes to, by `length % 4` (1 is never valid). */
const TAIL_BYTES: readonly (number | undefined)[] = [0, undefined, 1, 2];
const PLUS = 0x2b;
const SLASH = 0x2f;

/**
 * Decodes an unpadded base64url segment (RFC 7515 §2), or returns undefined when it is not one.
 *
 * A step at a time into one buffer: a 300 KB claims segment never becomes a 300 KB string, whose
 * allocation cost more than the decoding itself (bench/RESULTS.md, cost probes). Node's decoder
 * skips characters outside the alphabet and stops at `=`; either way it writes fewer bytes than
 * the length promises, which is how stray characters, whitespace and padding are refused. RFC 7515
 * allows none of them in a compact JWS (jose refuses stray characters, tolerates the other two).
 * Standard base64's `+` and `/` are refused first: Node would decode them too.
 */
export function decodeBase64url(segment: Buffer): Buffer | undefined {
  const tail = TAIL_BYTES[segment.length % 4];
  if (tail === undefined) return undefined;
  // Node's base64url decoder also takes standard base64's `+` and `/`, which base64url excludes.
  if (segment.includes(PLUS) || segment.includes(SLASH)) return undefined;
  const expected = (segment.length >> 2) * 3 + tail;
  const decoded = Buffer.allocUnsafe(expected);
  let written = 0;
  for (let from = 0; from < segment.length; from += DECODE_STEP) {
    const to = Math.min(from + DECODE_STEP, segment.length);
    written += decoded.write(segment.toString('latin1', from, to), written, 'base64url');
  }
  return written === expected ? decoded : undefined;
}

/** A JSON object from decoded segment bytes, or undefined. */
export function jsonObject(bytes: Buffer | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
