import { SignatureVerificationError } from '../errors.js';
import type { RawRequest } from '../request.js';
import { hmacSha256, safeEqual, secretList } from './digest.js';
import { reserialisedHint } from './reserialised-hint.js';
import { assertSignatureCount, boundedHeader, SIGNATURE_LIMITS } from './signature-limits.js';
import { assertFreshTimestamp } from './timestamp.js';

export interface StandardWebhooksOptions {
  readonly provider: string;
  /** `whsec_<base64>` secrets (the prefix is optional); several for rotation. */
  readonly secrets: string | readonly string[];
  /** Replay window in seconds. Default 300, as the specification recommends. */
  readonly tolerance?: number;
}

/** Decodes a Standard Webhooks secret: base64 after an optional `whsec_` prefix. */
function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * The Standard Webhooks scheme (https://www.standardwebhooks.com, used by Svix and many providers):
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>` with `webhook-id` and
 * `webhook-timestamp`. For `defineProvider`; none of the three built-in providers uses it (Atelio's
 * `whsec_` secrets look similar but its scheme is different).
 */
export function standardWebhooksVerifier(options: StandardWebhooksOptions): (request: RawRequest) => void {
  const keys = secretList(options.provider, options.secrets).map(secretKey);
  const tolerance = options.tolerance ?? 300;
  const { provider } = options;
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
      .map((entry) => Buffer.from(entry.slice(3), 'base64'));
    for (const key of keys) {
      const expected = hmacSha256(key, `${id}.${timestamp}.`, request.rawBody);
      if (candidates.some((candidate) => safeEqual(candidate, expected))) return;
    }
    throw new SignatureVerificationError(
      'invalid_signature',
      `No "webhook-signature" entry matches the body with any configured ${provider} secret.${reserialisedHint(request.rawBody)}`,
    );
  };
}
