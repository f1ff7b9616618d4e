import { crypto } from '#crypto';
import { SignatureVerificationError } from '../errors.js';
import { base64urlLength, type CompactJws, decodeBase64url, jsonObject } from './compact-jws.js';
import type { JwsAlgorithm } from './jws-algorithms.js';
import { SIGNATURE_LIMITS } from './signature-limits.js';

/**
 * Size checks on a compact JWS before its segments are decoded: the token is unauthenticated until
 * the signature verifies, so nothing larger than a genuine token could be is base64-decoded or
 * parsed. The claims segment needs no cap of its own: it is bounded by `bodyLimit` and decoded
 * only after the signature verified.
 */

/** ECDSA signatures (IEEE P1363, r‖s) by curve: fixed sizes (RFC 7518 §3.4). */
const EC_SIGNATURE_BYTES: Readonly<Record<string, number>> = {
  'P-256': 64,
  'P-384': 96,
  'P-521': 132,
};

/** Largest RSA modulus accepted for a signature's size before the key is known (16384 bits). */
const MAX_RSA_SIGNATURE_BYTES = 2048;

/**
 * The JOSE header as a JSON object; undefined when it is not one; a 401 `signature_too_large` when
 * its segment is longer than `SIGNATURE_LIMITS.jwsHeaderSegment`, before decoding or parsing it.
 */
export function protectedHeader(jws: CompactJws, provider: string): Record<string, unknown> | undefined {
  if (jws.encodedHeader.length > SIGNATURE_LIMITS.jwsHeaderSegment) {
    throw new SignatureVerificationError(
      'signature_too_large',
      `The ${provider} JWT header segment is longer than ${SIGNATURE_LIMITS.jwsHeaderSegment} characters, more than any genuine token; refused unread.`,
    );
  }
  return jsonObject(decodeBase64url(jws.encodedHeader));
}

/** Whether the signature segment could hold a signature of `algorithm` at all (before the key is fetched). */
export function signatureSegmentFits(jws: CompactJws, algorithm: JwsAlgorithm): boolean {
  const chars = jws.encodedSignature.length;
  if (algorithm.curve) return chars === base64urlLength(EC_SIGNATURE_BYTES[algorithm.curve] ?? 0);
  return chars <= base64urlLength(MAX_RSA_SIGNATURE_BYTES);
}

/** The decoded signature when its segment has exactly the size `key` signs with; otherwise undefined. */
export function jwsSignature(jws: CompactJws, algorithm: JwsAlgorithm, key: object): Uint8Array | undefined {
  const bytes = algorithm.curve ? EC_SIGNATURE_BYTES[algorithm.curve] : crypto.rsaModulusBytes(key);
  if (!bytes || jws.encodedSignature.length !== base64urlLength(bytes)) return undefined;
  return decodeBase64url(jws.encodedSignature);
}
