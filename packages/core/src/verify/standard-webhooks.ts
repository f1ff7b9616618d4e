import { SignatureVerificationError } from '../errors.js';
import type { RawRequest } from '../request.js';
import { assertDuration, MIN_SECRET_BYTES, ownerName } from '../options.js';
import { fromBase64, someSecretSigned, unlessSigned } from './digest.js';
import { reserialisedHint } from './reserialised-hint.js';
import { type SecretsOption, secretSource, withKeys } from './secret-source.js';
import { assertSignatureCount, boundedHeader, SIGNATURE_LIMITS } from './signature-limits.js';
import { assertFreshTimestamp } from './timestamp.js';

export interface StandardWebhooksOptions {
  readonly provider: string;
  /**
   * `whsec_<base64>` secrets (the prefix is optional); several for rotation. Or `{ tenant, lookup }`:
   * secrets looked up per tenant, cached (see `TenantSecrets`).
   */
  readonly secrets: SecretsOption;
  /** Replay window in seconds. Default 300, as the specification recommends. */
  readonly tolerance?: number;
}

const base64Of = (secret: string) => (secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);

/** Decodes a Standard Webhooks secret (checked by `standardSecretProblem`): base64 after an optional `whsec_` prefix. */
function secretKey(secret: string): Uint8Array {
  return fromBase64(base64Of(secret))!;
}

/**
 * Strict base64 (a lenient decoder that skips invalid characters would turn `'@@@@'` into an empty
 * key, and an HMAC with an empty key is forgeable by anyone), decoding to at least 16 bytes.
 */
function standardSecretProblem(secret: string): string | undefined {
  const encoded = base64Of(secret);
  if (encoded.trim() === '') return 'is empty after its "whsec_" prefix';
  const unpadded = encoded.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]+$/.test(unpadded) || !fromBase64(unpadded)) {
    return 'is not valid base64 after its optional "whsec_" prefix';
  }
  if (secretKey(secret).byteLength < MIN_SECRET_BYTES) return `decodes to fewer than ${MIN_SECRET_BYTES} bytes`;
  return undefined;
}

/**
 * The Standard Webhooks scheme (https://www.standardwebhooks.com, used by Svix and many providers):
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>` with `webhook-id` and
 * `webhook-timestamp`. For `defineProvider`; none of the three built-in providers uses it (Atelio's
 * `whsec_` secrets look similar but its scheme is different).
 */
export function standardWebhooksVerifier(
  options: StandardWebhooksOptions,
): (request: RawRequest) => void | Promise<void> {
  const provider = ownerName('standardWebhooksVerifier', options.provider);
  const keys = secretSource(provider, options.secrets, standardSecretProblem, secretKey);
  assertDuration(provider, 'tolerance', options.tolerance, 'seconds');
  const tolerance = options.tolerance ?? 300;
  return (request) => {
    const id = boundedHeader(request.headers, 'webhook-id', SIGNATURE_LIMITS.signedHeader);
    const timestamp = boundedHeader(request.headers, 'webhook-timestamp', SIGNATURE_LIMITS.signedHeader);
    const signatures = boundedHeader(request.headers, 'webhook-signature', SIGNATURE_LIMITS.signatureListHeader);
    if (!id || !timestamp || !signatures) {
      throw new SignatureVerificationError(
        'missing_signature',
        `Missing one of the ${provider} headers "webhook-id", "webhook-timestamp", "webhook-signature".`,
      );
    }
    if (!/^\d+$/.test(timestamp)) {
      throw new SignatureVerificationError('invalid_signature', 'The "webhook-timestamp" header is not unix seconds.');
    }
    assertFreshTimestamp(provider, Number(timestamp), tolerance);
    const entries = signatures.split(' ').filter((entry) => entry.length > 0);
    assertSignatureCount('webhook-signature', entries.length);
    const candidates = entries
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => fromBase64(entry.slice(3)))
      .filter((candidate): candidate is Uint8Array => candidate !== undefined);
    return withKeys(keys(request), (secrets) =>
      unlessSigned(someSecretSigned(secrets, [`${id}.${timestamp}.`, request.rawBody], candidates), () => {
        throw new SignatureVerificationError(
          'invalid_signature',
          `No "webhook-signature" entry matches the body with any configured ${provider} secret.${reserialisedHint(request.rawBody)}`,
        );
      }),
    );
  };
}
