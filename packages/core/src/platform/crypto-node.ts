import * as nodeCrypto from 'node:crypto';
import {
  constants,
  createHash,
  createHmac,
  KeyObject,
  randomUUID,
  sign,
  timingSafeEqual,
  verify,
  type VerifyKeyObjectInput,
  type webcrypto,
} from 'node:crypto';
import type { CryptoImplementation } from './crypto-types.js';
import { secretCache } from './secret-cache.js';
import { type JwsAlgorithm, MIN_RSA_BITS } from './jws-algorithm.js';

/**
 * `#crypto` where node:crypto exists (Node, Bun, Deno: the `node` condition). HMAC and hashing are
 * synchronous here, which keeps HMAC verification off the microtask queue on the hot path.
 */

const NODE_CURVES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;
const NODE_HASHES = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
const KEY_TYPES = { rsa: ['rsa'], pss: ['rsa', 'rsa-pss'], ec: ['ec'] } as const;

const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
const p1363 = { dsaEncoding: 'ieee-p1363' } as const;
function verifyOptions(algorithm: JwsAlgorithm): Omit<VerifyKeyObjectInput, 'key'> | undefined {
  return algorithm.family === 'pss' ? pss : algorithm.family === 'ec' ? p1363 : undefined;
}

/**
 * node:crypto's one-shot `hash` (Node ≥ 20.12; read from the namespace because Bun and Deno may
 * lack it): a single native call, where `createHash`/`createHmac` build a stream object per digest.
 * Per ~1 KB event that was ~3 µs of an identity hash and ~1.5 µs of the HMAC (bench/README.md).
 */
const oneShot = nodeCrypto.hash as
  ((algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex' | 'latin1') => string) | undefined;

/** HMAC-SHA256's block size: longer keys are hashed first, shorter ones zero-padded (RFC 2104). */
const BLOCK = 64;

/**
 * Largest input the one-shot HMAC copies into one buffer: below half of `Buffer.poolSize` (8 KiB),
 * `allocUnsafe` carves it from Buffer's pool. A larger copy needs fresh memory, and touching it costs
 * more than `createHmac`'s object saves (a 1 MiB body: ~0.7 ms with `createHmac`, ~4 ms copied first
 * on this project's bench machine, mostly page faults); `createHmac` streams those without a copy.
 */
const ONE_SHOT_MAX = 4 * 1024;

/** A secret's two padded key blocks, K ⊕ ipad and K ⊕ opad (RFC 2104). */
interface HmacPads {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

/**
 * The padded key blocks of a secret, made once per secret (`secretCache`, as crypto-web keeps its
 * imported keys): XOR-ing 64 bytes twice per delivery cost more JS than the rest of the HMAC glue.
 */
const padsOf = secretCache((secret): HmacPads => {
  let key: Uint8Array = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.byteLength > BLOCK) key = createHash('sha256').update(key).digest();
  const inner = Buffer.alloc(BLOCK);
  const outer = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    const byte = i < key.byteLength ? key[i]! : 0;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  return { inner, outer };
});

/**
 * HMAC-SHA256 by RFC 2104 over two one-shot hashes, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)): the same
 * bytes as `createHmac` (checked against it and against RFC 4231's vectors in platform.test.ts),
 * without its per-call Hmac object. Digests travel as latin1 strings, one char per byte: the
 * `'buffer'` encoding of `hash` takes a slower path in Node 20.
 */
function oneShotHmacSha256(
  hash: NonNullable<typeof oneShot>,
  secret: string | Uint8Array,
  parts: readonly (string | Uint8Array)[],
): Uint8Array {
  let length = BLOCK;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.byteLength;
  if (length > ONE_SHOT_MAX) return streamedHmacSha256(secret, parts);
  const pads = padsOf(secret);
  const inner = Buffer.allocUnsafe(length);
  inner.set(pads.inner, 0);
  let offset = BLOCK;
  for (const part of parts) {
    if (typeof part === 'string') offset += inner.write(part, offset, 'utf8');
    else {
      inner.set(part, offset);
      offset += part.byteLength;
    }
  }
  const outer = Buffer.allocUnsafe(BLOCK + 32);
  outer.set(pads.outer, 0);
  outer.write(hash('sha256', inner, 'latin1'), BLOCK, 'latin1');
  return Buffer.from(hash('sha256', outer, 'latin1'), 'latin1');
}

function streamedHmacSha256(secret: string | Uint8Array, parts: readonly (string | Uint8Array)[]): Uint8Array {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

const keyObjects = new WeakMap<object, KeyObject>();

/** jose hands out Web Crypto keys; node:crypto verifies with a KeyObject (converted once per key). */
function verificationKey(key: unknown): KeyObject | undefined {
  if (key instanceof KeyObject) return key;
  if (typeof key !== 'object' || key === null) return undefined;
  let converted = keyObjects.get(key);
  if (!converted) {
    try {
      converted = KeyObject.from(key as webcrypto.CryptoKey);
    } catch {
      return undefined; // not a CryptoKey (a secret or a bare JWK): unusable for these algorithms
    }
    keyObjects.set(key, converted);
  }
  return converted;
}

function keyFits(algorithm: JwsAlgorithm, key: object): boolean {
  const k = key as KeyObject;
  const types: readonly string[] = KEY_TYPES[algorithm.family];
  if (k.type !== 'public' || !k.asymmetricKeyType || !types.includes(k.asymmetricKeyType)) return false;
  const details = k.asymmetricKeyDetails ?? {};
  if (algorithm.curve) return details.namedCurve === NODE_CURVES[algorithm.curve];
  return (details.modulusLength ?? 0) >= MIN_RSA_BITS;
}

export const crypto = {
  implementation: 'node',
  hmacSha256(secret, parts) {
    return oneShot ? oneShotHmacSha256(oneShot, secret, parts) : streamedHmacSha256(secret, parts);
  },
  sha256Hex: (data) => (oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex')),
  randomUUID: () => randomUUID(),
  timingSafeEqual: (a, b) => a.byteLength === b.byteLength && timingSafeEqual(a, b),
  verificationKey,
  keyFits,
  rsaModulusBytes: (key) => Math.ceil(((key as KeyObject).asymmetricKeyDetails?.modulusLength ?? 0) / 8),
  async signJws(algorithm, key, signingInput) {
    const keyObject = key instanceof KeyObject ? key : KeyObject.from(key as webcrypto.CryptoKey);
    return sign(NODE_HASHES[algorithm.hash], signingInput, { key: keyObject, ...verifyOptions(algorithm) });
  },
  /**
   * On the event loop. The thread-pool form (`verify(…, callback)`) copies the signing input and
   * hands it to another thread: for a 305 KB token that cost more than it saved (bench/RESULTS.md:
   * ~25 % fewer req/s and twice the p99 with the server on one core), and the ~0.25 ms this takes
   * is less than the `JSON.parse` of the same claims, which the event loop pays anyway.
   */
  verifyJws(algorithm, key, signingInput, signature) {
    try {
      return verify(
        NODE_HASHES[algorithm.hash],
        signingInput,
        { key: key as KeyObject, ...verifyOptions(algorithm) },
        signature,
      );
    } catch {
      return false; // node:crypto throws on a key unfit for the options: keyFits rules that out, but a refusal stays a 401
    }
  },
} satisfies CryptoImplementation;
