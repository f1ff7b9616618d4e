import type { JwsAlgorithm } from './jws-algorithm.js';

/**
 * What `#crypto` provides, whichever implementation the runtime resolves (package.json `imports`):
 * `crypto-node.ts` (node:crypto; Node, Bun, Deno) or `crypto-web.ts` (Web Crypto; Workers, Edge,
 * browsers). Both modules are checked against this contract (`satisfies CryptoImplementation`).
 */
export interface CryptoImplementation {
  /** Which implementation this is (tests and diagnostics). */
  readonly implementation: 'node' | 'web';
  /**
   * HMAC-SHA256 over the concatenation of `parts`. Synchronous with node:crypto (the pipeline then
   * skips an `await`); a promise with Web Crypto, whose `subtle` API is asynchronous only.
   */
  hmacSha256(secret: string | Uint8Array, parts: readonly (string | Uint8Array)[]): Uint8Array | Promise<Uint8Array>;
  /** SHA-256 as lower-case hex, synchronously (event identities are computed synchronously). */
  sha256Hex(data: string | Uint8Array): string;
  /** A random (v4) UUID: a lease token. node:crypto's skips Web Crypto's receiver checks. */
  randomUUID(): string;
  /** Constant-time equality of two byte strings of the same length. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  /** A key handed out by jose (a `CryptoKey`, or a `KeyObject`) in the form `verifyJws` takes; undefined when unusable. */
  verificationKey(key: unknown): object | undefined;
  /** True when `key` may verify `algorithm`: public, right type, curve, and RSA size. */
  keyFits(algorithm: JwsAlgorithm, key: object): boolean;
  /** RSA: the modulus length in bytes (a signature's exact size). */
  rsaModulusBytes(key: object): number;
  /**
   * Signs `signingInput` with a private key (a `CryptoKey`, or a `KeyObject` where node:crypto
   * exists) for `algorithm`: the JWS signature bytes. For `sign` (tests, CLI), not the receive path.
   */
  signJws(algorithm: JwsAlgorithm, key: object, signingInput: Uint8Array): Promise<Uint8Array>;
  /** Verifies `signature` over `signingInput`; false (never a throw) when it does not verify. */
  verifyJws(
    algorithm: JwsAlgorithm,
    key: object,
    signingInput: Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
}

/** What `#bytes` provides: the byte conversions on the hot path, native where the runtime has them. */
export interface BytesImplementation {
  /** UTF-8 text of `bytes` (invalid sequences become U+FFFD, as `TextDecoder` and Buffer do). */
  utf8(bytes: Uint8Array): string;
  /**
   * Decodes an unpadded base64url segment (RFC 7515 §2), or undefined when it is not one: padding,
   * whitespace, standard base64's `+` and `/`, or any other stray character refuse it.
   */
  decodeBase64url(segment: Uint8Array): Uint8Array | undefined;
  /**
   * Bytes of an even-length hex string (either case), or undefined when any character is not a hex
   * digit (a signature header's digest: checked and decoded in one step).
   */
  fromHex(hex: string): Uint8Array | undefined;
}
