import { SignatureVerificationError } from '../../errors.js';
import { decodeJsonObject, defineProvider, type Provider } from '../../provider.js';
import type { RawRequest } from '../../request.js';
import { assertDuration, plainSecretProblem, secretsOption } from '../../options.js';
import { decodeDigest, hmacSha256, someSecretSigned, toHex, unlessSigned } from '../../verify/digest.js';
import { reserialisedHint } from '../../verify/reserialised-hint.js';
import { type SecretsOption, secretSource, signingSecret, withKeys } from '../../verify/secret-source.js';
import { assertSignatureCount, boundedHeader, SIGNATURE_LIMITS } from '../../verify/signature-limits.js';
import { assertFreshTimestamp } from '../../verify/timestamp.js';
import { atelioCatalog } from './catalog.js';
import { atelioEntityKey } from './entity-key.js';
import { atelioIdentity } from './identity.js';
import { pythonJson } from './python-json.js';

export { atelioCatalog };
export type AtelioCatalog = typeof atelioCatalog;
export type AtelioProvider = Provider<'atelio', AtelioCatalog>;

export interface AtelioOptions {
  /**
   * The webhook subscription's `secret` (`whsec_…`), used as is, prefix included. Give several when
   * you have several subscriptions pointing here. One endpoint for many tenants (each its own Atelio
   * account): `{ tenant, lookup }` (see `TenantSecrets`).
   */
  readonly secrets?: SecretsOption;
  /** Shorthand for a single secret. */
  readonly secret?: string;
  /**
   * Largest accepted distance between the signed `t` and now, seconds. Default 300. Atelio does not
   * document whether `t` is refreshed on retries; raise this if legitimate retries are refused.
   */
  readonly tolerance?: number;
}

export const ATELIO_SIGNATURE_HEADER = 'bond-signature';

/**
 * Parses `t=…,v1=…,v2=…` (v2 may repeat) into the timestamp and the v2 digests. One pass of
 * `indexOf` over a header already bounded in length (`boundedHeader`), with no array of entries.
 */
function parseSignatureHeader(value: string): { timestamp?: string; v2: string[] } {
  const v2: string[] = [];
  let timestamp: string | undefined;
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const equals = value.indexOf('=', start);
    if (equals !== -1 && equals < end) {
      const key = value.slice(start, equals).trim();
      if (key === 't') timestamp = value.slice(equals + 1, end).trim();
      else if (key === 'v2') v2.push(value.slice(equals + 1, end).trim());
    }
    start = end + 1;
  }
  return { timestamp, v2 };
}

/**
 * Atelio (card issuing and banking; formerly Bond). Verifies `Bond-Signature` scheme **v2**:
 * hex HMAC-SHA256 of `${t}.${rawBody}` keyed by the subscription secret as is; v1 (which signs a
 * Python re-serialisation of the body) is ignored. `t` must be within `tolerance` of now.
 *
 * Routes on the body's `event`; a body without one (the documented `account.statements.late_payment`
 * sample) is routed as type `'unknown'`. Atelio counts only 200/201 as success: adapters answer 200.
 *
 * Event identity (de-duplication id), from the signed body only (see `./identity.ts`): Atelio has no
 * event id and advises `(event, occurred_at)`, which collides for distinct events of one instant,
 * so the id is `event` + the entity ids of its family + `occurred_at ?? sent_time`:
 *
 * | family | entity ids |
 * |---|---|
 * | `transactions` | `transaction.transaction_id` |
 * | `card.*` | `card.card_id` |
 * | `kyc.verification.*` | `customer_id`, `beneficial_owner_id`, `inquiry_id` |
 * | `kyb.verification.*` | `business_id` |
 * | `credit.application.*` | `details.data.application_id`, `details.data.adverse_action.id` |
 * | `commercial.credit_application.*` (undocumented) | `details.data.application_id` |
 * | `customer.*` | `details.customer_id` |
 * | `fraud_operations.*` | `details.operation_id`, `details.customer_id` |
 * | `account.autopay.*`, `account.statements.generated` | `customer_id`, statement start and end dates |
 * | `account.statements.late_payment` | `card_account_id`, `customer_id`, `transaction_id`, statement dates |
 * | `account.statements.ready`, `account.statement.ready` | `details.statement_id`, `details.account_id` |
 * | `develop.api_key.*` | `identity`, `key_name` |
 *
 * A retry, re-signed with a new `t`, carries the same values: it is a duplicate. Other families
 * (`portal.data_export`, types outside the catalogue) and bodies without those ids or without a
 * time are known by a SHA-256 of the signed body bytes: only a byte-identical redelivery matches.
 *
 * Stale-event guard (`staleEvents`, see `./entity-key.ts`): events are ordered by
 * `occurred_at ?? sent_time` per entity: `card.created` + `card.status.*` by `card.card_id`,
 * `card.wallet.*` by `card.card_id`, `transactions` by `transaction.transaction_id`,
 * `kyc.verification.*` by `customer_id` + `beneficial_owner_id`, `kyb.verification.*` by
 * `business_id`, `credit.application*` and `commercial.credit_application.*` by
 * `details.data.application_id`, `customer.*` by `details.customer_id`, `fraud_operations.*` by
 * `details.operation_id`, `account.autopay.*` by `customer_id` + statement dates. Other families
 * are never stale.
 */
export function atelio(options: AtelioOptions): AtelioProvider {
  const option = secretsOption('atelio', options);
  const secrets = secretSource('atelio', option, plainSecretProblem, (secret) => secret);
  assertDuration('atelio', 'tolerance', options.tolerance, 'seconds');
  const tolerance = options.tolerance ?? 300;

  function verify(request: RawRequest): void | Promise<void> {
    const header = boundedHeader(request.headers, ATELIO_SIGNATURE_HEADER, SIGNATURE_LIMITS.signatureListHeader);
    if (!header) {
      throw new SignatureVerificationError(
        'missing_signature',
        `Missing the Atelio signature header "Bond-Signature".`,
      );
    }
    const { timestamp, v2 } = parseSignatureHeader(header);
    assertSignatureCount('Bond-Signature', v2.length);
    if (!timestamp || !/^\d+$/.test(timestamp) || v2.length === 0) {
      throw new SignatureVerificationError(
        'invalid_signature',
        'The "Bond-Signature" header needs t=<unix seconds> and a v2=<hex> signature (v1 is not used: it signs a re-serialised body).',
      );
    }
    assertFreshTimestamp('atelio', Number(timestamp), tolerance);
    const digests = v2.map((value) => decodeDigest(value, ['hex'])).filter((d): d is Uint8Array => d !== undefined);
    return withKeys(secrets(request), (keys) =>
      unlessSigned(someSecretSigned(keys, [`${timestamp}.`, request.rawBody], digests), () => {
        throw new SignatureVerificationError(
          'invalid_signature',
          `The "Bond-Signature" v2 signature does not match the body with any configured Atelio secret.${reserialisedHint(request.rawBody)}`,
        );
      }),
    );
  }

  return defineProvider({
    name: 'atelio',
    catalog: atelioCatalog,
    contentTypes: ['application/json'],
    verify,
    decode: (request) => decodeJsonObject(request.rawBody),
    identify: (body, request) => atelioIdentity(body, request.rawBody),
    entityKey: atelioEntityKey,
    async sign(body, signOptions) {
      const raw = JSON.stringify(body);
      const secret = signingSecret('atelio', option, signOptions);
      const t = String(signOptions?.timestamp ?? Math.floor(Date.now() / 1000));
      const v1 = toHex(await hmacSha256(secret, `${t}.${pythonJson(body)}`));
      const v2 = toHex(await hmacSha256(secret, `${t}.`, raw));
      return {
        headers: {
          'content-type': 'application/json',
          [ATELIO_SIGNATURE_HEADER]: `t=${t},v1=${v1},v2=${v2}`,
          ...signOptions?.headers,
        },
        body: raw,
      };
    },
  });
}
