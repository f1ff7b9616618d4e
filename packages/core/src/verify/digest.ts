import { bytes } from '#bytes';
import { crypto } from '#crypto';

/**
 * HMAC-SHA256 over the concatenation of `parts`, without copying the body into a string.
 * Synchronous where node:crypto exists (Node, Bun, Deno); a promise with Web Crypto (Workers,
 * Edge). `await` it to be portable.
 */
export function hmacSha256(
  secret: string | Uint8Array,
  ...parts: (string | Uint8Array)[]
): Uint8Array | Promise<Uint8Array> {
  return crypto.hmacSha256(secret, parts);
}

/** SHA-256 hex digest, used as a de-duplication id when a provider sends none. */
export function sha256Hex(data: string | Uint8Array): string {
  return crypto.sha256Hex(data);
}

/** Constant-time comparison that first checks lengths. */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return crypto.timingSafeEqual(a, b);
}

/**
 * Whether the HMAC of `parts` under any of `secrets` equals one of `digests`. Synchronous when the
 * HMAC is (node:crypto: the pipeline then skips an `await`), a promise with Web Crypto.
 */
export function someSecretSigned(
  secrets: readonly (string | Uint8Array)[],
  parts: readonly (string | Uint8Array)[],
  digests: readonly Uint8Array[],
): boolean | Promise<boolean> {
  const matches = (mac: Uint8Array) => digests.some((digest) => safeEqual(digest, mac));
  for (let i = 0; i < secrets.length; i++) {
    const mac = crypto.hmacSha256(secrets[i]!, parts);
    if (mac instanceof Uint8Array) {
      if (matches(mac)) return true;
      continue;
    }
    const rest = secrets.slice(i + 1).map((secret) => crypto.hmacSha256(secret, parts));
    return Promise.all([mac, ...rest]).then((macs) => macs.some(matches));
  }
  return false;
}

/** Runs `fail` (which throws) unless `outcome` is true, keeping a synchronous outcome synchronous. */
export function unlessSigned(outcome: boolean | Promise<boolean>, fail: () => never): void | Promise<void> {
  if (outcome === true) return;
  if (outcome === false) fail();
  return outcome.then((ok) => {
    if (!ok) fail();
  });
}

export type DigestEncoding = 'hex' | 'base64';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Lower-case hex of `data`. */
export function toHex(data: Uint8Array): string {
  let hex = '';
  for (const byte of data) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const BASE64_VALUES = new Map<string, number>(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((char, i) => [char, i]),
);

/**
 * Strict base64 (standard or URL-safe, padding optional) of a short string: undefined when a
 * character is outside the alphabet or the length cannot be base64. For headers and secrets only.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const unpadded = text
    .replace(/={1,2}$/, '')
    .replaceAll('-', '+')
    .replaceAll('_', '/');
  if (unpadded.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let written = 0;
  for (const char of unpadded) {
    const value = BASE64_VALUES.get(char);
    if (value === undefined) return undefined;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[written++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

/**
 * Decodes a digest sent as hex (either case) or base64 (standard or URL-safe), trying the
 * allowed encodings in order. Returns undefined when the value is neither (a garbled header).
 */
export function decodeDigest(
  value: string,
  encodings: readonly DigestEncoding[],
  byteLength = 32,
): Uint8Array | undefined {
  const trimmed = value.trim();
  for (const encoding of encodings) {
    if (encoding === 'hex' && trimmed.length === byteLength * 2) {
      const decoded = bytes.fromHex(trimmed);
      if (decoded) return decoded;
    }
    if (encoding === 'base64' && BASE64.test(trimmed)) {
      const decoded = fromBase64(trimmed);
      if (decoded?.byteLength === byteLength) return decoded;
    }
  }
  return undefined;
}

/** Normalises `secret | secrets` options into a non-empty, validated list (see options.ts). */
export { secretList } from '../options.js';
