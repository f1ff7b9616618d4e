import { SignatureVerificationError } from '../errors.js';
import type { RawRequest } from '../request.js';
import { digestEncodings, ownerName, plainSecretProblem } from '../options.js';
import { decodeDigest, type DigestEncoding, someSecretSigned, unlessSigned } from './digest.js';
import { reserialisedHint } from './reserialised-hint.js';
import { type SecretsOption, secretSource, withKeys } from './secret-source.js';
import { boundedHeader, SIGNATURE_LIMITS } from './signature-limits.js';

export interface HmacVerifierOptions {
  /** Provider name, for error messages. */
  readonly provider: string;
  /** Lower-case header carrying the digest, e.g. `x-hmac-signature-sha-256`. */
  readonly header: string;
  /**
   * One secret or several (rotation, several accounts): a match with any of them passes. Or
   * `{ tenant, lookup }`: secrets looked up per tenant, cached (see `TenantSecrets`).
   */
  readonly secrets: SecretsOption;
  /** Accepted digest encodings, tried in order. Default: hex (either case), then base64. */
  readonly encodings?: readonly DigestEncoding[];
}

/**
 * The simplest scheme: a header holds HMAC-SHA256(raw body) keyed by a shared secret.
 * Used by Atomic; usable with `defineProvider` for any provider that signs this way. Returns
 * synchronously with node:crypto, a promise with Web Crypto (see `hmacSha256`).
 */
export function hmacVerifier(options: HmacVerifierOptions): (request: RawRequest) => void | Promise<void> {
  const provider = ownerName('hmacVerifier', options.provider);
  if (typeof options.header !== 'string' || !/^[a-z0-9-]+$/.test(options.header)) {
    throw new TypeError(`${provider}: \`header\` must be a lower-case header name, e.g. "x-signature".`);
  }
  const secrets = secretSource(provider, options.secrets, plainSecretProblem, (secret) => secret);
  const encodings = digestEncodings(provider, options.encodings);
  const { header } = options;
  return (request) => {
    const sent = boundedHeader(request.headers, header, SIGNATURE_LIMITS.digestHeader);
    if (!sent) {
      throw new SignatureVerificationError(
        'missing_signature',
        `Missing the ${provider} signature header "${header}".`,
      );
    }
    const digest = decodeDigest(sent, encodings);
    if (!digest) {
      throw new SignatureVerificationError(
        'invalid_signature',
        `The "${header}" header is not an HMAC-SHA256 digest in ${encodings.join(' or ')}.`,
      );
    }
    // Secrets only once the header parses: a request without a signature costs no tenant lookup.
    return withKeys(secrets(request), (keys) =>
      unlessSigned(someSecretSigned(keys, [request.rawBody], [digest]), () => {
        throw new SignatureVerificationError(
          'invalid_signature',
          `The "${header}" signature does not match the body with any configured ${provider} secret.${reserialisedHint(request.rawBody)}`,
        );
      }),
    );
  };
}
