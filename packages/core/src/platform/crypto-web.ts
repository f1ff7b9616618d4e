import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
// Types only (erased from the output): the tsconfig has Node's types, not the DOM's.
import type { webcrypto } from 'node:crypto';
import type { CryptoImplementation } from './crypto-types.js';
import { secretCache } from './secret-cache.js';
import { type JwsAlgorithm, MIN_RSA_BITS } from './jws-algorithm.js';

/**
 * `#crypto` on runtimes without node:crypto (Cloudflare Workers, the Next.js Edge runtime, Vercel
 * Edge, browsers): Web Crypto (`crypto.subtle`), which is asynchronous only. SHA-256 for event
 * identities must be synchronous (identities are computed in `identify`), so it comes from
 * `@noble/hashes` (audited, dependency-free, tree-shaken to SHA-256).
 */

type CryptoKey = webcrypto.CryptoKey;
type BufferSource = webcrypto.BufferSource;
type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;
type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;

const encoder = new TextEncoder();
const subtle = (): webcrypto.SubtleCrypto => globalThis.crypto.subtle;
const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);

function importHmacKey(secret: string | Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', bytesOf(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Imported once per secret: importing costs more than signing a small body. */
const hmacKey = secretCache(importHmacKey);

function concat(parts: readonly (string | Uint8Array)[]): Uint8Array {
  if (parts.length === 1) return bytesOf(parts[0]!);
  const chunks = parts.map(bytesOf);
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const SUBTLE_NAMES = { rsa: 'RSASSA-PKCS1-v1_5', pss: 'RSA-PSS', ec: 'ECDSA' } as const;
const HASH_BYTES = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 } as const;

function isCryptoKey(key: unknown): key is CryptoKey {
  const { CryptoKey } = globalThis as { CryptoKey?: abstract new () => CryptoKey };
  return CryptoKey !== undefined && key instanceof CryptoKey;
}

/**
 * jose imports each JWK for the algorithm the token's header names, so the key's own algorithm
 * must be exactly the one pinned here (name, hash, curve), and an RSA modulus of 2048 bits or more.
 */
function keyFits(algorithm: JwsAlgorithm, key: object): boolean {
  const k = key as CryptoKey;
  if (k.type !== 'public' || !k.usages.includes('verify')) return false;
  const params = k.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  if (params.name !== SUBTLE_NAMES[algorithm.family]) return false;
  if (algorithm.curve) return params.namedCurve === algorithm.curve;
  return params.hash?.name === algorithm.hash && (params.modulusLength ?? 0) >= MIN_RSA_BITS;
}

/** Web Crypto's sign/verify parameters for a JWS algorithm. */
function subtleParams(
  algorithm: JwsAlgorithm,
): webcrypto.AlgorithmIdentifier | webcrypto.RsaPssParams | webcrypto.EcdsaParams {
  return algorithm.family === 'pss'
    ? { name: 'RSA-PSS', saltLength: HASH_BYTES[algorithm.hash] }
    : algorithm.family === 'ec'
      ? { name: 'ECDSA', hash: algorithm.hash }
      : { name: 'RSASSA-PKCS1-v1_5' };
}

export const crypto = {
  implementation: 'web',
  async hmacSha256(secret, parts) {
    return new Uint8Array(await subtle().sign('HMAC', await hmacKey(secret), concat(parts) as BufferSource));
  },
  sha256Hex: (data) => bytesToHex(sha256(bytesOf(data))),
  randomUUID: () => globalThis.crypto.randomUUID(),
  timingSafeEqual(a, b) {
    if (a.byteLength !== b.byteLength) return false;
    let difference = 0;
    for (let i = 0; i < a.byteLength; i++) difference |= a[i]! ^ b[i]!;
    return difference === 0;
  },
  verificationKey: (key) => (isCryptoKey(key) ? key : undefined),
  keyFits,
  rsaModulusBytes: (key) =>
    Math.ceil(((key as CryptoKey).algorithm as Partial<RsaHashedKeyAlgorithm>).modulusLength! / 8 || 0),
  async signJws(algorithm, key, signingInput) {
    return new Uint8Array(await subtle().sign(subtleParams(algorithm), key as CryptoKey, signingInput as BufferSource));
  },
  async verifyJws(algorithm, key, signingInput, signature) {
    try {
      return await subtle().verify(
        subtleParams(algorithm),
        key as CryptoKey,
        signature as BufferSource,
        signingInput as BufferSource,
      );
    } catch {
      return false;
    }
  },
} satisfies CryptoImplementation;
