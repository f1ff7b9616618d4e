/**
 * Builds the request a provider would send: the documented sample (or your payload), signed with
 * the provider's own `sign` from @finhooks/core, optionally tampered with after signing.
 */
import { atelio, atomic, describeIssues, MONEYHUB_DEFAULT_ISSUER, moneyhub } from '@finhooks/core';
import { sampleBody } from '@finhooks/core/testing';
import { eventSchema, type ProviderName, resolveEventType, resolveProvider, TYPE_FIELD } from './catalogs.js';
import { UsageError } from './errors.js';
import { applyIdentity, checkIdentityOptions, type DeliveryIdentity } from './identity.js';
import { devMoneyhubKey } from './dev-key.js';
import { generateMoneyhubKey, moneyhubKeyFromJwk, type MoneyhubSigningKey, type PublicJwks } from './moneyhub-keys.js';
import { resolveSecret, type SecretSource } from './secrets.js';

/** A valid constructor secret for the signing-only provider instances; never used to sign. */
const SIGNER_PLACEHOLDER = 'finhooks-cli-signer-placeholder';

export type MoneyhubFormat = 'jwt' | 'json';
export type MoneyhubKeySource = 'key' | 'dev' | 'ephemeral';

export interface DeliveryOptions {
  readonly provider: string;
  /** Event type; outside the catalogue only with `allowUnknown`. */
  readonly event: string;
  /** The whole body (Moneyhub: the JSON envelope `{ id, eventType, userId, payload }`). Default: the documented sample. */
  readonly payload?: Record<string, unknown> | undefined;
  /**
   * Moneyhub: the event `id` (JWT `jti`), the same on every send. Default: a new id per send (Atomic:
   * a new `eventTime`, Atelio: a new `occurred_at`), so a receiver never takes a sample for a duplicate.
   */
  readonly id?: string | undefined;
  /** Send the documented sample's ids and times unchanged: sending it again is the same event. */
  readonly keepIds?: boolean | undefined;
  /** Extra request headers; they win over the provider's. */
  readonly headers?: Record<string, string> | undefined;
  readonly allowUnknown?: boolean | undefined;
  /** Flip one byte of the body after signing: the receiver must refuse it. */
  readonly tamper?: boolean | undefined;
  /** Atomic, Atelio: the secret (else `env`, else the development secret with `dev`). */
  readonly secret?: string | undefined;
  /** Where secrets are looked up. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Use the examples' development secrets, or for Moneyhub the development key, when none is given. */
  readonly dev?: boolean | undefined;
  /** Moneyhub: `jwt` (default, signed) or `json` (unsigned). */
  readonly format?: MoneyhubFormat | undefined;
  /** Moneyhub JWT: the signing key (default: the development key with `dev`, else a one-off key). */
  readonly key?: MoneyhubSigningKey | undefined;
  /** Moneyhub JWT: `iss` (default Moneyhub's production issuer, what `moneyhub()` expects by default). */
  readonly issuer?: string | undefined;
  /** Moneyhub JWT: `aud`. */
  readonly audience?: string | undefined;
}

export interface Delivery {
  readonly provider: ProviderName;
  readonly type: string;
  /** In the catalogue. */
  readonly known: boolean;
  /** The identity fields set on the body (fresh per send unless pinned). */
  readonly identity: DeliveryIdentity;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly tampered: boolean;
  /** Where the HMAC secret came from (Atomic, Atelio). */
  readonly secretSource?: SecretSource;
  readonly moneyhub?: {
    readonly format: MoneyhubFormat;
    readonly issuer?: string;
    readonly kid?: string;
    /** The public keys the receiver must trust. */
    readonly jwks?: PublicJwks;
    /** `key`: the one given; `dev`: the development key (`--dev`); `ephemeral`: made for this run only. */
    readonly keySource?: MoneyhubKeySource;
    /** The `aud` signed in (`--audience`), if any. */
    readonly audience?: string;
  };
  /** Things the receiver will likely object to (the payload does not match the schema…), without values. */
  readonly warnings: readonly string[];
}

const MONEYHUB_ONLY = ['key', 'issuer', 'audience', 'format'] as const;

export async function buildDelivery(options: DeliveryOptions): Promise<Delivery> {
  const provider = resolveProvider(options.provider);
  checkOptionsApply(provider, options);
  const { type, known } = resolveEventType(provider, options.event, {
    allowUnknown: options.allowUnknown,
    hint: 'A type newer than this catalogue? Pass --allow-unknown (with --payload for its body).',
  });
  const given = options.payload ?? sampleBody(provider, type);
  if (!given) throw new UsageError(`No sample body for ${provider} "${type}": pass --payload <file.json>.`);
  const { body, identity } = applyIdentity(provider, given, {
    id: options.id,
    keepIds: options.keepIds,
    own: options.payload !== undefined,
  });
  const warnings = checkBody(provider, type, known, body, options.payload !== undefined);
  const headers = options.headers ?? {};

  let signed: { headers: Record<string, string>; body: string };
  let extra: Pick<Delivery, 'secretSource' | 'moneyhub'>;
  if (provider === 'moneyhub') {
    if (options.format === 'json') {
      // Moneyhub's JSON format is unsigned; built here so no receiver-side unsigned warning fires in the CLI.
      signed = { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
      extra = { moneyhub: { format: 'json' } };
    } else {
      const keySource: MoneyhubKeySource = options.key ? 'key' : options.dev ? 'dev' : 'ephemeral';
      const key =
        options.key ??
        (options.dev ? await devMoneyhubKey() : await generateMoneyhubKey(`finhooks-cli-${Date.now().toString(36)}`));
      const issuer = options.issuer ?? MONEYHUB_DEFAULT_ISSUER;
      // Only `sign` is used: no keys to fetch (an empty set), and any audience is allowed on this side.
      const signer = moneyhub({
        issuer,
        jwks: { keys: [] },
        ...(options.audience !== undefined ? { audience: options.audience } : { allowAnyAudience: true }),
      });
      signed = await signer.sign(body, { privateKey: key.privateKey, kid: key.kid, headers });
      extra = { moneyhub: { format: 'jwt', issuer, kid: key.kid, jwks: key.jwks, keySource, ...(options.audience !== undefined && { audience: options.audience }) } };
    }
  } else {
    const { secret, source } = resolveSecret(provider, options);
    // The secret is given to `sign`, not the constructor: the CLI may deliberately sign with a secret
    // a receiver would refuse to start with (too short, to test a refusal).
    const signer = provider === 'atomic' ? atomic({ secret: SIGNER_PLACEHOLDER }) : atelio({ secret: SIGNER_PLACEHOLDER });
    signed = await signer.sign(body, { secret, headers });
    extra = { secretSource: source };
  }

  const tampered = options.tamper === true;
  return {
    provider,
    type,
    known,
    identity,
    headers: signed.headers,
    body: tampered ? tamperBody(signed.body) : signed.body,
    tampered,
    ...extra,
    warnings,
  };
}

type ProviderSpecific = Pick<DeliveryOptions, 'secret' | 'format' | 'issuer' | 'audience' | 'id' | 'keepIds'> & {
  readonly key?: unknown;
};

/** Options that only make sense for one provider are refused elsewhere, instead of being ignored. */
export function checkOptionsApply(provider: ProviderName, options: ProviderSpecific): void {
  checkIdentityOptions(provider, options);
  if (provider === 'moneyhub') {
    if (options.secret !== undefined) {
      throw new UsageError(
        'Moneyhub signs with a key, not a secret: pass --key <file> (see `finhooks keys moneyhub`) or --serve-jwks <port>.',
      );
    }
    if (options.format !== undefined && options.format !== 'jwt' && options.format !== 'json') {
      throw new UsageError(`Unknown Moneyhub format "${String(options.format)}": use jwt or json.`);
    }
    if (options.format === 'json') {
      for (const name of ['key', 'issuer', 'audience'] as const) {
        if (options[name] !== undefined)
          throw new UsageError(`--${name} applies to Moneyhub's JWT format; the JSON format is unsigned.`);
      }
    }
    return;
  }
  for (const name of MONEYHUB_ONLY) {
    if (options[name] !== undefined) throw new UsageError(`--${name} applies to moneyhub only, not ${provider}.`);
  }
}

/** Warns (without values) when a body will not route or validate as `type` on the receiver. */
function checkBody(
  provider: ProviderName,
  type: string,
  known: boolean,
  body: Record<string, unknown>,
  own: boolean,
): string[] {
  if (!own) return [];
  const field = TYPE_FIELD[provider];
  const named = body[field];
  if (typeof named === 'string' && named !== type) {
    throw new UsageError(
      `The payload's "${field}" is "${named}" but the event argument is "${type}": make them agree.`,
    );
  }
  const warnings: string[] = [];
  if (named === undefined) warnings.push(`The payload has no "${field}": the receiver cannot route it as "${type}".`);
  if (known) {
    const result = eventSchema(provider, type).safeParse(body);
    if (!result.success) {
      const issues = describeIssues(result.error.issues).slice(0, 5);
      warnings.push(
        `The payload does not match the ${provider} "${type}" schema, so the receiver will answer 400: ${issues
          .map((issue) => `${issue.path || '(body)'} ${issue.message}`)
          .join('; ')}.`,
      );
    }
  }
  return warnings;
}

/**
 * Changes one character near the middle of the body (a letter or digit, so JSON stays JSON and a
 * JWT stays base64url): the signature no longer matches, which is what a receiver must catch.
 */
export function tamperBody(body: string): string {
  const start = Math.floor(body.length / 2);
  for (let offset = 0; offset < body.length; offset++) {
    const index = (start + offset) % body.length;
    const char = body[index]!;
    let replacement: string | undefined;
    if (/[0-9]/.test(char)) replacement = String((Number(char) + 1) % 10);
    else if (/[a-z]/.test(char)) replacement = char.toUpperCase();
    else if (/[A-Z]/.test(char)) replacement = char.toLowerCase();
    if (replacement !== undefined) return body.slice(0, index) + replacement + body.slice(index + 1);
  }
  throw new UsageError('The body has no letter or digit to tamper with.');
}
