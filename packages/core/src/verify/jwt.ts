import { crypto } from '#crypto';
import {
  createLocalJWKSet,
  type CompactJWSHeaderParameters,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
// The two classes, not the `errors` namespace of 'jose', which bundles every jose error class.
import { JWKSMultipleMatchingKeys, JWKSNoMatchingKey } from 'jose/errors';
import { DependencyUnavailableError, SignatureVerificationError } from '../errors.js';
import { assertDuration, assertPositiveInteger } from '../options.js';
import type { WebhookLogger } from '../instance.js';
import type { RawRequest } from '../request.js';
import { type CompactJws, decodeBase64url, isBlank, jsonObject, parseCompactJws } from './compact-jws.js';
import { type JwsAlgorithm, jwsAlgorithm, SUPPORTED_JWS_ALGORITHMS } from './jws-algorithms.js';
import { jwsSignature, protectedHeader, signatureSegmentFits } from './jws-limits.js';
import { checkClaims, type ClaimsPolicy } from './jwt-claims.js';
import { keyUrl } from './key-url.js';
import { type KeySource, remoteKeys } from './remote-keys.js';

export interface JwtVerifierOptions {
  readonly provider: string;
  /**
   * Where the verification keys come from, in order of precedence:
   * `jwks` (a key set given directly: tests, pinning), `jwksUri`, or `discoveryUrl`
   * (an OpenID Connect discovery document whose `jwks_uri` is used). URLs must be https
   * (http is accepted on loopback only, for tests); redirects are not followed.
   */
  readonly jwks?: JSONWebKeySet;
  readonly jwksUri?: string | URL;
  /**
   * The discovery document must declare an `issuer` this verifier expects (`discoveryIssuer`), and
   * its `jwks_uri` must be https on the document's own origin (give `jwksUri` to use another host).
   */
  readonly discoveryUrl?: string | URL;
  /**
   * Issuer(s) the discovery document may declare. Default: the discovery URL without its
   * `/.well-known/openid-configuration` suffix (OIDC Discovery §4.3), and the `issuer` option.
   */
  readonly discoveryIssuer?: string | readonly string[];
  /** Expected `iss` (one or several). */
  readonly issuer?: string | readonly string[];
  /** Expected `aud`, when set. */
  readonly audience?: string | readonly string[];
  /** Allowed algorithms. Pinned, so `none` or an HMAC signed with the public key never pass. */
  readonly algorithms: readonly string[];
  /** Maximum age of `iat`, seconds (finite, 0 or more). */
  readonly maxAge: number;
  /** Clock skew allowed on `iat`, seconds. Default 5. */
  readonly clockTolerance?: number;
  /** Claims that must be present. */
  readonly requiredClaims?: readonly string[];
  /**
   * Time allowed for loading the keys (discovery document and key set together), ms. Default 3000
   * (Moneyhub waits 5 s for the answer).
   */
  readonly fetchTimeout?: number;
  /**
   * After a failed load, deliveries are answered 503 `key_set_unavailable` at once, without
   * fetching, for this long (ms, default 1000); each further failure doubles the wait, up to
   * `maxRetryInterval` (ms, default 30 000). One line is logged when the outage starts and one when it ends.
   */
  readonly retryInterval?: number;
  readonly maxRetryInterval?: number;
  /** Where the outage and recovery lines go. Default `console.error`. */
  readonly log?: (line: string) => void;
  /** A pino-style logger instead of `log`: the outage at `error`, the recovery at `warn` (or `error`). */
  readonly logger?: WebhookLogger;
}

/** Verifies a request's JWT; `health` tells whether the keys are available (loaded, or loadable now). */
export type JwtVerifier = ((request: RawRequest) => Promise<JWTPayload>) & {
  health(signal: AbortSignal): Promise<void>;
};

export const DEFAULT_FETCH_TIMEOUT_MS = 3000;
export const DEFAULT_KEY_RETRY_INTERVAL_MS = 1000;
export const DEFAULT_KEY_MAX_RETRY_INTERVAL_MS = 30_000;
const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

/** Checks every option once, at construction: a bad one throws a TypeError naming it. */
function validateOptions(options: JwtVerifierOptions): void {
  const owner = typeof options.provider === 'string' && options.provider.trim() ? options.provider : 'jwtVerifier';
  if (owner === 'jwtVerifier')
    throw new TypeError('jwtVerifier: `provider` must be a non-empty string (used in messages).');
  assertDuration(owner, 'maxAge', options.maxAge ?? Number.NaN, 'seconds');
  assertDuration(owner, 'clockTolerance', options.clockTolerance, 'seconds');
  assertPositiveInteger(owner, 'fetchTimeout', options.fetchTimeout, 'milliseconds');
  assertPositiveInteger(owner, 'retryInterval', options.retryInterval, 'milliseconds');
  assertPositiveInteger(owner, 'maxRetryInterval', options.maxRetryInterval, 'milliseconds');
  if (
    (options.maxRetryInterval ?? DEFAULT_KEY_MAX_RETRY_INTERVAL_MS) <
    (options.retryInterval ?? DEFAULT_KEY_RETRY_INTERVAL_MS)
  ) {
    throw new TypeError(`${owner}: \`maxRetryInterval\` must be at least \`retryInterval\`.`);
  }
  for (const name of ['issuer', 'audience', 'discoveryIssuer'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    const values: readonly unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [undefined];
    if (values.length === 0 || values.some((v) => typeof v !== 'string' || v.trim() === '')) {
      throw new TypeError(`${owner}: \`${name}\` must be a non-empty string or a non-empty array of them.`);
    }
  }
}

/** Builds the key resolver once: a key set given directly, or keys fetched (and re-fetched) by `remoteKeys`. */
function keyResolver(options: JwtVerifierOptions): KeySource {
  const { provider } = options;
  // Given keys are always there.
  if (options.jwks) return Object.assign(createLocalJWKSet(options.jwks), { health: async () => {} });
  const shared = {
    provider,
    fetchTimeout: options.fetchTimeout ?? DEFAULT_FETCH_TIMEOUT_MS,
    retryInterval: options.retryInterval ?? DEFAULT_KEY_RETRY_INTERVAL_MS,
    maxRetryInterval: options.maxRetryInterval ?? DEFAULT_KEY_MAX_RETRY_INTERVAL_MS,
    log: options.log,
    logger: options.logger,
  };
  if (options.jwksUri) {
    return remoteKeys({ ...shared, jwksUri: keyUrl(provider, 'jwksUri', options.jwksUri), discoveryIssuers: [] });
  }
  if (!options.discoveryUrl) {
    throw new TypeError(`${provider}: give \`jwks\`, \`jwksUri\` or \`discoveryUrl\` to verify JWTs.`);
  }
  const discoveryUrl = keyUrl(provider, 'discoveryUrl', options.discoveryUrl);
  const list = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? [value] : (value ?? []));
  const declared = discoveryUrl.href.endsWith(DISCOVERY_SUFFIX)
    ? [discoveryUrl.href.slice(0, -DISCOVERY_SUFFIX.length)]
    : [];
  const discoveryIssuers =
    options.discoveryIssuer !== undefined
      ? list(options.discoveryIssuer)
      : [...new Set([...declared, ...list(options.issuer)])];
  if (discoveryIssuers.length === 0) {
    throw new TypeError(
      `${provider}: with \`discoveryUrl\`, give \`issuer\` or \`discoveryIssuer\`: the discovery document must declare a known issuer.`,
    );
  }
  return remoteKeys({ ...shared, discoveryUrl, discoveryIssuers });
}

/** jose's key-selection failures that are the token's fault (its `kid`/`alg` matches no key): 401. */
function isKeyMismatch(error: unknown): boolean {
  return error instanceof JWKSNoMatchingKey || error instanceof JWKSMultipleMatchingKeys;
}

/**
 * Checks the signature over the received bytes (`#crypto`: node:crypto on the event loop where it
 * exists, see crypto-node.ts for why; Web Crypto elsewhere). A 1 KB token takes ~30 µs on Node.
 */
function signatureVerifies(jws: CompactJws, algorithm: JwsAlgorithm, key: object): boolean | Promise<boolean> {
  const signature = jwsSignature(jws, algorithm, key);
  if (!signature) return false; // not the size this key signs with: refused undecoded
  return crypto.verifyJws(algorithm, key, jws.signingInput, signature);
}

/**
 * Verifies a compact JWS body (`application/jwt`) against a JWKS, with the algorithm pinned,
 * issuer/audience checked and a maximum age on `iat`. Returns the verified claims.
 *
 * jose discovers, fetches, caches and selects the keys; the token itself is checked here over its
 * received bytes with node:crypto or Web Crypto (see compact-jws.ts for why), with jose's rules: pinned
 * algorithms, no `crit` extensions, RSA keys of 2048 bits or more, then the claims.
 */
export function jwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  validateOptions(options);
  const unsupported = options.algorithms.filter((alg) => !jwsAlgorithm(alg));
  if (unsupported.length > 0 || options.algorithms.length === 0) {
    throw new TypeError(
      `${options.provider}: unsupported JWT algorithm(s) ${unsupported.join(', ') || '(none given)'}; use ${SUPPORTED_JWS_ALGORITHMS.join(', ')}.`,
    );
  }
  const getKey = keyResolver(options);
  const { provider } = options;
  const allowed = new Set(options.algorithms);
  const list = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? [value] : value);
  const policy: ClaimsPolicy = {
    provider,
    issuer: list(options.issuer),
    audience: list(options.audience),
    maxAge: options.maxAge,
    clockTolerance: options.clockTolerance ?? 5,
    requiredClaims: options.requiredClaims,
  };
  const invalid = (message: string) => new SignatureVerificationError('invalid_signature', message);

  const verify = async (request: RawRequest): Promise<JWTPayload> => {
    const body = request.rawBody;
    if (isBlank(body)) {
      throw new SignatureVerificationError(
        'missing_signature',
        `The ${provider} body is empty: expected a signed JWT.`,
      );
    }
    const jws = parseCompactJws(body);
    const header = jws && protectedHeader(jws, provider);
    if (!jws || !header) throw invalid(`The ${provider} body is not a valid signed JWT.`);
    const algorithm = typeof header.alg === 'string' && allowed.has(header.alg) ? jwsAlgorithm(header.alg) : undefined;
    if (!algorithm) throw invalid(`The ${provider} JWT uses an algorithm that is not allowed.`);
    if (header.crit !== undefined)
      throw invalid(`The ${provider} JWT has "crit" header extensions, which are not supported.`);
    if (!signatureSegmentFits(jws, algorithm))
      throw invalid(`The ${provider} JWT signature segment is not the size of a ${String(header.alg)} signature.`);

    let key: object | undefined;
    try {
      key = crypto.verificationKey(await getKey(header as unknown as CompactJWSHeaderParameters, EMPTY_TOKEN));
    } catch (error) {
      if (isKeyMismatch(error)) throw invalid(`No ${provider} signing key matches the JWT's "kid".`);
      if (error instanceof DependencyUnavailableError) throw error;
      throw new DependencyUnavailableError(
        'key_set_unavailable',
        `Could not load the ${provider} signing keys (discovery document or JWKS); retry later.`,
        { cause: error },
      );
    }
    if (!key || !crypto.keyFits(algorithm, key))
      throw invalid(`The ${provider} signing key cannot verify a ${String(header.alg)} JWT.`);
    if (!(await signatureVerifies(jws, algorithm, key))) {
      throw invalid(`The ${provider} JWT signature does not verify.`);
    }
    const claims = jsonObject(decodeBase64url(jws.encodedPayload));
    if (!claims) throw invalid(`The ${provider} JWT claims are not a base64url-encoded JSON object.`);
    checkClaims(claims, policy);
    return claims as JWTPayload;
  };
  // The key source's check, for the provider's `health` (`webhooks.health()`).
  return Object.assign(verify, { health: (signal: AbortSignal) => getKey.health(signal) });
}

/** The resolvers built by jose select keys from the header alone. */
const EMPTY_TOKEN = { payload: '', signature: '' };
