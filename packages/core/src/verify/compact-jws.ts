import { bytes } from '#bytes';

/**
 * A compact JWS (`header.payload.signature`) read straight from the request bytes.
 *
 * Why not hand the token to jose: on Node 20 jose decodes base64url with `atob` and a per-byte
 * loop and needs the body as a string, which made a 250 KB Moneyhub token cost ~3 ms, most of it
 * decoding (see bench/RESULTS.md). Here the signing input is the body's own bytes (no copy), and
 * segments decode natively where the runtime can (`#bytes`: Uint8Array's base64url on Node, a step at a
 * time). jose still fetches, caches and selects keys.
 */
export interface CompactJws {
  /** `BASE64URL(header) "." BASE64URL(payload)`: what the signature covers, exactly as received. */
  readonly signingInput: Uint8Array;
  /** The three segments, still base64url: each is decoded only once its size is known to be sane. */
  readonly encodedHeader: Uint8Array;
  /** Decode it (`decodeBase64url`) only once the signature checked out. */
  readonly encodedPayload: Uint8Array;
  readonly encodedSignature: Uint8Array;
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
export function isBlank(body: Uint8Array): boolean {
  return body.length <= 2 * MAX_SURROUNDING_SPACE && body.every(isAsciiSpace);
}

/**
 * Splits a compact JWS without decoding anything (native `indexOf` only), or returns undefined
 * when the bytes are not one: no or too many dots, an empty header or signature, more than
 * `MAX_SURROUNDING_SPACE` whitespace bytes at either end.
 */
export function parseCompactJws(body: Uint8Array): CompactJws | undefined {
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

/** Decodes an unpadded base64url segment (RFC 7515 §2), or undefined when it is not one (`#bytes`). */
export function decodeBase64url(segment: Uint8Array): Uint8Array | undefined {
  return bytes.decodeBase64url(segment);
}

/** A JSON object from decoded segment bytes, or undefined. */
export function jsonObject(data: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.utf8(data));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
