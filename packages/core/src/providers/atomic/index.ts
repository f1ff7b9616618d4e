import { MalformedPayloadError } from '../../errors.js';
import { decodeJsonObject, defineProvider, type Provider, stringField } from '../../provider.js';
import { headerValue } from '../../request.js';
import { digestEncodings, secretsOption } from '../../options.js';
import { type DigestEncoding, hmacSha256, toHex } from '../../verify/digest.js';
import { hmacVerifier } from '../../verify/hmac.js';
import { type SecretsOption, signingSecret } from '../../verify/secret-source.js';
import { atomicCatalog } from './catalog.js';
import { atomicEntityKey } from './entity-key.js';
import { atomicIdentity } from './identity.js';

export { atomicCatalog };
export type AtomicCatalog = typeof atomicCatalog;
export type AtomicProvider = Provider<'atomic', AtomicCatalog>;

export interface AtomicOptions {
  /**
   * Your Atomic API secret(s) (`x-api-secret` in Atomic Console). Atomic signs with "one of your API
   * secrets", so give all of them (and both during a rotation): a match with any passes. Receiving
   * for several Atomic accounts on one endpoint: `{ tenant, lookup }` (see `TenantSecrets`).
   */
  readonly secrets?: SecretsOption;
  /** Shorthand for a single secret. */
  readonly secret?: string;
  /**
   * Digest encodings accepted in `x-hmac-signature-sha-256`. Atomic's docs do not name it (older
   * docs say hex), so both hex (either case) and base64 are accepted by default.
   */
  readonly encodings?: readonly DigestEncoding[];
}

export const ATOMIC_SIGNATURE_HEADER = 'x-hmac-signature-sha-256';
const CE_TYPE_PREFIX = 'com.atomicfi.';

/**
 * Atomic (payroll connectivity). Verifies `X-HMAC-Signature-Sha-256` = HMAC-SHA256(raw body) with
 * any of your API secrets. Routes on the body's `eventType` (the CloudEvents `ce-type` header, when
 * present, must agree).
 *
 * Event identity (de-duplication id), from the signed body only (see `./identity.ts`): `eventType`
 * + the entity ids `user._id`, `task`, `taskWorkflow`, `data.task`, `data.taskWorkflow`,
 * `data.linkedAccount` (or its `_id`), `data.conversionToken` (null where a family has none) +
 * `eventTime`; a body without `eventTime` or any of those ids: a SHA-256 of its bytes. The
 * CloudEvents `ce-id` header is not signed, so it is never used: a delivery re-sent under another
 * `ce-id` (or none) is the same event.
 *
 * Atomic signs no timestamp, so there is no cryptographic replay window: a captured delivery can be
 * replayed, and only de-duplication (within the store's retention) stops it being processed twice.
 *
 * Stale-event guard (`staleEvents`, see `./entity-key.ts`): events are ordered by `eventTime` per
 * entity: `task-status-updated`/`-patched` by task id, `task-authentication-status-updated` by task
 * id, `linked-account-*` by linked account id, `employment-*`, `identity-*`, `income-*` by
 * `user._id` + linked account. Other types are never stale.
 */
export function atomic(options: AtomicOptions): AtomicProvider {
  const secrets = secretsOption('atomic', options);
  const encodings = digestEncodings('atomic', options.encodings);
  const verify = hmacVerifier({
    provider: 'atomic',
    header: ATOMIC_SIGNATURE_HEADER,
    secrets: secrets as SecretsOption,
    encodings,
  });
  return defineProvider({
    name: 'atomic',
    catalog: atomicCatalog,
    contentTypes: ['application/json'],
    verify,
    decode: (request) => decodeJsonObject(request.rawBody),
    identify(body, request) {
      const type = stringField(body, 'eventType');
      if (!type) throw new MalformedPayloadError('missing_event_type', 'The Atomic body has no string "eventType".');
      const ceType = headerValue(request.headers, 'ce-type');
      if (ceType !== undefined && ceType !== `${CE_TYPE_PREFIX}${type}`) {
        throw new MalformedPayloadError(
          'event_type_mismatch',
          `The "ce-type" header does not match the body's eventType "${type}" (expected "${CE_TYPE_PREFIX}${type}").`,
        );
      }
      return atomicIdentity(type, body, request.rawBody);
    },
    entityKey: atomicEntityKey,
    async sign(body, signOptions) {
      const raw = JSON.stringify(body);
      const secret = signingSecret('atomic', secrets, signOptions);
      const type = stringField(body, 'eventType') ?? 'unknown';
      return {
        headers: {
          'content-type': 'application/json',
          [ATOMIC_SIGNATURE_HEADER]: toHex(await hmacSha256(secret, raw)),
          'ce-specversion': '1.0',
          'ce-source': 'com.atomicfi',
          'ce-type': `${CE_TYPE_PREFIX}${type}`,
          'ce-time': stringField(body, 'eventTime') ?? new Date().toISOString(),
          'ce-id': toHex(globalThis.crypto.getRandomValues(new Uint8Array(12))),
          ...signOptions?.headers,
        },
        body: raw,
      };
    },
  });
}
