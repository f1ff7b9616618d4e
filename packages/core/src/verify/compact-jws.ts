/**
 * A compact JWS (`header.payload.signature`) read straight from the request bytes.
 *
 * Why not hand the token to jose: on Node 20 jose decodes base64url with `atob` and a per-byte
 * loop and needs the body as a string, which made a 250 KB Moneyhub token cost ~3 ms, most of it
 * decoding (see bench/RESULTS.md). Here the signing input is the body's own bytes (no copy), and
 * segments decode with `Buffer`'s native base64url. jose still fetches, caches and selects keys.
 */
export interface CompactJws {
  /** `BASE64URL(header) "." BASE64URL(payload)`: what the signature covers, exactly as received. */
  readonly signingInput: Buffer;
  readonly header: Buffer;
  /** Still base64url: decode it (`decodeBase64url`) only once the signature checked out. */
  readonly encodedPayload: Buffer;
  readonly signature: Buffer;
}

const DOT = 0x2e;

/** ASCII whitespace around the token (a trailing newline is common and harmless). */
export function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Splits and decodes a compact JWS, or returns undefined when the bytes are not one (no or too
 * many dots, an empty header or signature). Decoding is lenient about stray characters, which
 * cannot help a forger: the signature is checked over the received bytes, not the decoded ones.
 */
export function parseCompactJws(body: Buffer): CompactJws | undefined {
  let start = 0;
  let end = body.length;
  while (start < end && isAsciiSpace(body[start]!)) start++;
  while (end > start && isAsciiSpace(body[end - 1]!)) end--;
  const first = body.indexOf(DOT, start);
  if (first <= start || first >= end) return undefined;
  const second = body.indexOf(DOT, first + 1);
  if (second === -1 || second >= end - 1) return undefined;
  const third = body.indexOf(DOT, second + 1);
  if (third !== -1 && third < end) return undefined;
  return {
    signingInput: body.subarray(start, second),
    header: decodeBase64url(body.subarray(start, first)),
    encodedPayload: body.subarray(first + 1, second),
    signature: decodeBase64url(body.subarray(second + 1, end)),
  };
}

export function decodeBase64url(segment: Buffer): Buffer {
  return Buffer.from(segment.toString('latin1'), 'base64url');
}

/** A JSON object from decoded segment bytes, or undefined. */
export function jsonObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
