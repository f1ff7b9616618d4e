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
export function sha256Hex(bytes: string | Uint8Array): string {
  return crypto.sha256Hex(bytes);
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

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Bytes of an even-length hex string (either case), or undefined at the first other character:
 * checked and decoded in one pass, without a regex run first.
 */
function fromHex(hex: string): Uint8Array | undefined {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexValue(hex.charCodeAt(2 * i));
    const low = hexValue(hex.charCodeAt(2 * i + 1));
    if ((high | low) < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

/** A hex digit's value from its char code, or -1 for any other character. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20; // 'A'–'F' → 'a'–'f'; only those two ranges land in 'a'–'f' this way
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
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
      const bytes = fromHex(trimmed);
      if (bytes) return bytes;
    }
    if (encoding === 'base64' && BASE64.test(trimmed)) {
      const bytes = fromBase64(trimmed);
      if (bytes?.byteLength === byteLength) return bytes;
    }
  }
  return undefined;
}

/** Normalises `secret | secrets` options into a non-empty, validated list (see options.ts). */
export { secretList } from '../options.js';
