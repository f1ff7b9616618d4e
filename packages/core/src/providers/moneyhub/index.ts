import type { JSONWebKeySet, JWTPayload } from 'jose';
import { MalformedPayloadError } from '../../errors.js';
import { jwsPayloadId, providerEventId, signedBodyId } from '../../identity.js';
import { decodeJsonObject, defineProvider, type EventIdentity, type Provider, stringField } from '../../provider.js';
import { parseCompactJws } from '../../verify/compact-jws.js';
import type { WebhookLogger } from '../../instance.js';
import { jwtVerifier } from '../../verify/jwt.js';
import { signCompactJws } from '../../verify/sign-jws.js';
import { moneyhubCatalog } from './catalog.js';
import { eventTypeFromUrn, urnFromEventType } from './urn.js';

export { moneyhubCatalog };
export type MoneyhubCatalog = typeof moneyhubCatalog;
export type MoneyhubProvider = Provider<'moneyhub', MoneyhubCatalog>;

interface MoneyhubCommonOptions {
  /** Expected JWT `iss`. Default `https://identity.moneyhub.co.uk` (sandbox tokens use `https://identity-dev.moneyhub.co.uk`). */
  readonly issuer?: string;
}

export interface MoneyhubJwtOptions extends MoneyhubCommonOptions {
  /** Default. The body is a compact RS256 JWS (`application/jwt`), verified against Moneyhub's keys. */
  readonly format?: 'jwt';
  /** OIDC discovery document whose `jwks_uri` holds the keys. Default `${issuer}/oidc/.well-known/openid-configuration`. */
  readonly discoveryUrl?: string;
  /** Skip discovery and fetch keys from this JWKS URL. */
  readonly jwksUri?: string;
  /** Use this key set directly (tests, or pinning keys you fetched yourself). */
  readonly jwks?: JSONWebKeySet;
  /**
   * Expected `aud`: your Moneyhub API client id(s). Required: without it a token Moneyhub signed
   * for another API client (another tenant, another environment) would be accepted here. To accept
   * any audience anyway, pass `allowAnyAudience: true` instead.
   */
  readonly audience?: string | readonly string[];
  /** Accept tokens whatever their `aud` (explicit opt-out of the audience check; not with `audience`). */
  readonly allowAnyAudience?: true;
  /** Oldest accepted `iat`, seconds. Default 300. Moneyhub sends no `exp`. */
  readonly maxAge?: number;
  /** Clock skew tolerated on `iat`, seconds. Default 5. */
  readonly clockTolerance?: number;
  /** Time allowed for loading the keys (discovery and JWKS together), ms. Default 3000 (Moneyhub waits 5 s for the answer). */
  readonly fetchTimeout?: number;
  /**
   * While the keys cannot be loaded, deliveries are answered 503 at once and the next load is tried
   * after `retryInterval` ms (default 1000), doubling up to `maxRetryInterval` (default 30 000).
   */
  readonly retryInterval?: number;
  readonly maxRetryInterval?: number;
  /**
   * Where the one line per key-set outage (at `error`) and per recovery (at `warn`) goes: a
   * pino-style logger, like `createWebhooks({ logger })` (the provider is built before, and can be
   * shared by, its instances, so it takes its own). Default `console.error`. The line names the key
   * URL (any password in it hidden) and the cause; never a token.
   */
  readonly logger?: WebhookLogger;
}

export interface MoneyhubJsonOptions extends MoneyhubCommonOptions {
  /**
   * Moneyhub's JSON format carries no signature: anyone who finds the URL can post events. Allowed
   * only with `allowUnsigned: true`, and a process warning is emitted. Prefer `format: 'jwt'`.
   */
  readonly format: 'json';
  readonly allowUnsigned: true;
}

export type MoneyhubOptions = MoneyhubJwtOptions | MoneyhubJsonOptions;

export const MONEYHUB_DEFAULT_ISSUER = 'https://identity.moneyhub.co.uk';

let warnedUnsigned = false;

/**
 * Moneyhub (open banking). In JWT mode (recommended) the body is an RS256 JWS modelled on Security
 * Event Tokens; its `events` claim holds one `urn:com:moneyhub:events:<name>` key, mapped to the
 * catalogue name. Either format is normalised to the JSON envelope `{ id, eventType, userId, payload }`
 * (JWT: `jti`, the mapped name, `sub`, the event value), so handlers do not depend on the format.
 * Moneyhub delivers once, with a 5 s timeout: keep handlers fast or use queue mode.
 *
 * Event identity (de-duplication id): Moneyhub's own event id. JWT: the signed `jti` claim; a token
 * without one is known by a SHA-256 of its payload segment, which the signature pins byte for byte,
 * so the same token re-sent with surrounding whitespace or its signature segment re-encoded is the
 * same event (envelope `id`: that digest). JSON (unsigned): the body's `id`, else a SHA-256 of the body.
 *
 * Stale-event guard: no entity rule. Moneyhub delivers once, without retries, and its events carry
 * no occurrence time (the JWT's `iat`, in seconds, is not in the JSON format); `staleEvents` with
 * Moneyhub needs your own `entityKey` and `occurredAt`.
 */
export function moneyhub(options: MoneyhubOptions = {}): MoneyhubProvider {
  const issuer = options.issuer ?? MONEYHUB_DEFAULT_ISSUER;
  if (typeof issuer !== 'string' || !URL.canParse(issuer)) {
    throw new TypeError('moneyhub: `issuer` must be an absolute URL, e.g. https://identity.moneyhub.co.uk.');
  }
  const identify = (body: unknown, request: { rawBody: Uint8Array }): EventIdentity => {
    const type = stringField(body, 'eventType');
    if (!type) throw new MalformedPayloadError('missing_event_type', 'The Moneyhub body has no string "eventType".');
    const derived = typeof body === 'object' && body !== null ? derivedIds.get(body) : undefined;
    const id = stringField(body, 'id');
    return { type, id: derived ?? (id !== undefined ? providerEventId(id) : signedBodyId(request.rawBody)) };
  };

  if (options.format !== undefined && options.format !== 'jwt' && options.format !== 'json') {
    throw new TypeError('moneyhub: `format` must be "jwt" (default) or "json".');
  }
  if (options.format === 'json') {
    if (options.allowUnsigned !== true) {
      throw new TypeError(
        'moneyhub: the JSON format is unsigned. Use format "jwt", or pass allowUnsigned: true to accept unauthenticated events.',
      );
    }
    if (!warnedUnsigned) {
      warnedUnsigned = true;
      const warning =
        'Moneyhub webhooks in JSON format are unsigned: anyone who can reach the URL can post events. Switch the API client to the JWT format.';
      // `process` is absent on some runtimes (Workers, Edge): the warning goes to the console there.
      const node = globalThis.process;
      if (typeof node?.emitWarning === 'function') node.emitWarning(warning, { code: 'FINHOOKS_UNSIGNED_WEBHOOKS' });
      else console.warn(warning);
    }
    return defineProvider({
      name: 'moneyhub',
      catalog: moneyhubCatalog,
      contentTypes: ['application/json'],
      verify: () => undefined,
      decode: (request) => decodeJsonObject(request.rawBody),
      identify,
      async sign(body, signOptions) {
        return { headers: { 'content-type': 'application/json', ...signOptions?.headers }, body: JSON.stringify(body) };
      },
    });
  }

  const audience = moneyhubAudience(options);
  const verify = jwtVerifier({
    provider: 'moneyhub',
    jwks: options.jwks,
    jwksUri: options.jwksUri,
    discoveryUrl: options.discoveryUrl ?? `${issuer}/oidc/.well-known/openid-configuration`,
    issuer,
    audience,
    algorithms: ['RS256'],
    maxAge: options.maxAge ?? 300,
    clockTolerance: options.clockTolerance,
    fetchTimeout: options.fetchTimeout,
    retryInterval: options.retryInterval,
    maxRetryInterval: options.maxRetryInterval,
    logger: options.logger,
  });

  return defineProvider({
    name: 'moneyhub',
    catalog: moneyhubCatalog,
    contentTypes: ['application/jwt'],
    verify,
    health: verify.health,
    decode: (request, verified) => envelopeFromClaims(verified as JWTPayload, request.rawBody),
    identify,
    async sign(body, signOptions) {
      if (!signOptions?.privateKey || !signOptions.kid) {
        throw new TypeError(
          'moneyhub.sign in JWT mode needs `privateKey` and `kid` (see moneyhubTestKeys in @finhooks/core/testing).',
        );
      }
      const type = stringField(body, 'eventType');
      if (!type) throw new TypeError('moneyhub.sign: the body needs an "eventType".');
      const envelope = body as { id?: string; userId?: string; payload?: unknown };
      const aud = typeof audience === 'string' ? audience : audience?.[0];
      const claims = {
        events: { [urnFromEventType(type)]: envelope.payload ?? {} },
        iss: issuer,
        iat: signOptions.timestamp ?? Math.floor(Date.now() / 1000),
        ...(envelope.id && { jti: envelope.id }),
        ...(envelope.userId && { sub: envelope.userId }),
        ...(aud && { aud }),
      };
      return {
        headers: { 'content-type': 'application/jwt', ...signOptions.headers },
        body: await signCompactJws({ alg: 'RS256', kid: signOptions.kid }, claims, signOptions.privateKey),
      };
    },
  });
}

/** `audience`, required unless `allowAnyAudience: true` says, explicitly, that any client's tokens are accepted. */
function moneyhubAudience(options: MoneyhubJwtOptions): string | readonly string[] | undefined {
  const { audience, allowAnyAudience } = options;
  if (allowAnyAudience !== undefined && allowAnyAudience !== true) {
    throw new TypeError('moneyhub: `allowAnyAudience` can only be `true` (or left out).');
  }
  if (audience !== undefined && allowAnyAudience) {
    throw new TypeError('moneyhub: give either `audience` or `allowAnyAudience: true`, not both.');
  }
  if (audience === undefined && !allowAnyAudience) {
    throw new TypeError(
      'moneyhub: set `audience` to your Moneyhub API client id (the JWT `aud`), so tokens Moneyhub signed for another API client are refused; or pass `allowAnyAudience: true` to accept any audience.',
    );
  }
  return audience;
}

/**
 * Envelopes of JWTs without `jti`, to the id `identify` gives them: the envelope's `id` shows the
 * digest, but only an envelope built here (not a JSON body with the same `id`) gets that id.
 */
const derivedIds = new WeakMap<object, string>();

/** The JSON envelope of a verified JWT: `{ id: jti (else a digest of its payload segment), eventType, userId: sub, payload }`. */
function envelopeFromClaims(claims: JWTPayload, token: Uint8Array): Record<string, unknown> {
  const events = claims.events;
  const keys = typeof events === 'object' && events !== null && !Array.isArray(events) ? Object.keys(events) : [];
  if (keys.length !== 1) {
    throw new MalformedPayloadError(
      'malformed_body',
      'The Moneyhub JWT must carry exactly one event in its "events" claim.',
    );
  }
  const urn = keys[0]!;
  const derivedId = typeof claims.jti === 'string' ? undefined : claimsId(token);
  const envelope = {
    id: typeof claims.jti === 'string' ? claims.jti : derivedId,
    eventType: eventTypeFromUrn(urn),
    ...(claims.sub !== undefined && { userId: claims.sub }),
    payload: (events as Record<string, unknown>)[urn],
  };
  if (derivedId !== undefined) derivedIds.set(envelope, derivedId);
  return envelope;
}

/** The id of a verified token without `jti`: a digest of its payload segment (never of the raw text around it). */
function claimsId(token: Uint8Array): string {
  const jws = parseCompactJws(token);
  // The verifier parsed the same bytes before it checked the signature: this cannot fail.
  if (!jws) throw new MalformedPayloadError('malformed_body', 'The Moneyhub body is not a compact JWT.');
  return jwsPayloadId(jws.encodedPayload);
}
