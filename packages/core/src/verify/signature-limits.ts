import { SignatureVerificationError } from '../errors.js';
import { headerValue, type RawHeaders } from '../request.js';

/**
 * Size caps on what an unauthenticated request can make finhooks parse or decode. Each is far
 * above what a genuine delivery sends, and each is checked before any splitting, regex or decoding,
 * so a refused request costs a length comparison. Refusals are 401 `signature_too_large`; the
 * message names the header and the cap, never the value.
 */
export const SIGNATURE_LIMITS = Object.freeze({
  /** A digest header (hex or base64 HMAC-SHA256: 44–64 characters). */
  digestHeader: 256,
  /**
   * A header carrying a list of signatures (`Bond-Signature`: `t=…,v1=<64 hex>,v2=<64 hex>`, ~150
   * characters; `webhook-signature`: `v1,<44 base64>` entries, ~48 each).
   */
  signatureListHeader: 2048,
  /** Signatures tried per header (each costs a comparison; rotation sends two or three). */
  signaturesPerHeader: 10,
  /** Other signed headers that are hashed or parsed (`webhook-id`, `webhook-timestamp`). */
  signedHeader: 256,
  /** A JWT's header segment, base64url characters (a genuine one is ~100). */
  jwsHeaderSegment: 4096,
});

/** A header's first value, or a 401 `signature_too_large` when it is longer than `maxLength` characters. */
export function boundedHeader(headers: RawHeaders, name: string, maxLength: number): string | undefined {
  const value = headerValue(headers, name);
  if (value !== undefined && value.length > maxLength) {
    throw new SignatureVerificationError(
      'signature_too_large',
      `The "${name}" header is longer than ${maxLength} characters, more than any genuine signature; refused unread.`,
    );
  }
  return value;
}

/** A 401 `signature_too_large` when a header lists more signatures than `SIGNATURE_LIMITS.signaturesPerHeader`. */
export function assertSignatureCount(header: string, count: number): void {
  if (count > SIGNATURE_LIMITS.signaturesPerHeader) {
    throw new SignatureVerificationError(
      'signature_too_large',
      `The "${header}" header lists more than ${SIGNATURE_LIMITS.signaturesPerHeader} signatures; refused unchecked.`,
    );
  }
}
