import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the concatenation of `parts`, without copying the body into a string. */
export function hmacSha256(secret: string | Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/** SHA-256 hex digest, used as a de-duplication id when a provider sends none. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Constant-time comparison that first checks lengths (timingSafeEqual throws on a mismatch). */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

export type DigestEncoding = 'hex' | 'base64';

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Decodes a digest sent as hex (either case) or base64 (standard or URL-safe), trying the
 * allowed encodings in order. Returns undefined when the value is neither (a garbled header).
 */
export function decodeDigest(value: string, encodings: readonly DigestEncoding[], byteLength = 32): Buffer | undefined {
  const trimmed = value.trim();
  for (const encoding of encodings) {
    if (encoding === 'hex' && trimmed.length === byteLength * 2 && HEX.test(trimmed)) {
      return Buffer.from(trimmed, 'hex');
    }
    if (encoding === 'base64' && BASE64.test(trimmed)) {
      const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
      if (bytes.byteLength === byteLength) return bytes;
    }
  }
  return undefined;
}

/** Normalises `secret | secrets` options into a non-empty, validated list (see options.ts). */
export { secretList } from '../options.js';
