import { KeyObject, verify, type webcrypto } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type CompactJWSHeaderParameters,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DependencyUnavailableError, SignatureVerificationError } from '../errors.js';
import { asBuffer, type RawRequest } from '../request.js';
import { type CompactJws, decodeBase64url, isBlank, jsonObject, parseCompactJws } from './compact-jws.js';
import { type JwsAlgorithm, jwsAlgorithm, keyFits, SUPPORTED_JWS_ALGORITHMS } from './jws-algorithms.js';
import { jwsSignature, protectedHeader, signatureSegmentFits } from './jws-limits.js';
import { checkClaims, type ClaimsPolicy } from './jwt-claims.js';

export interface JwtVerifierOptions {
  readonly provider: string;
  /**
   * Where the verification keys come from, in order of precedence:
   * `jwks` (a key set given directly: tests, pinning), `jwksUri`, or `discoveryUrl`
   * (an OpenID Connect discovery document whose `jwks_uri` is used).
   */
  readonly jwks?: JSONWebKeySet;
  readonly jwksUri?: string | URL;
  readonly discoveryUrl?: string | URL;
  /** Expected `iss` (one or several). */
  readonly issuer?: string | readonly string[];
  /** Expected `aud`, when set. */
  readonly audience?: string | readonly string[];
  /** Allowed algorithms. Pinned, so `none` or an HMAC signed with the public key never pass. */
  readonly algorithms: readonly string[];
  /** Maximum age of `iat`, seconds. */
  readonly maxAge: number;
  /** Clock skew allowed on `iat`, seconds. Default 5. */
  readonly clockTolerance?: number;
  /** Claims that must be present. */
  readonly requiredClaims?: readonly string[];
  /** Timeout for fetching the discovery document and the key set, ms. Default 3000 (Moneyhub waits 5 s). */
  readonly fetchTimeout?: number;
}

/** Fetches an OIDC discovery document and returns its `jwks_uri`. */
async function discoverJwksUri(discoveryUrl: URL, timeout: number): Promise<URL> {
  const response = await fetch(discoveryUrl, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeout),
  });
  if (!response.ok) throw new Error(`discovery document answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
  return new URL(document.jwks_uri);
}

/** Builds the key resolver once; a failed discovery is retried on the next request. */
function keyResolver(options: JwtVerifierOptions): JWTVerifyGetKey {
  const timeout = options.fetchTimeout ?? 3000;
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (options.jwksUri) return createRemoteJWKSet(new URL(options.jwksUri), { timeoutDuration: timeout });
  if (!options.discoveryUrl) {
    throw new TypeError(`${options.provider}: give \`jwks\`, \`jwksUri\` or \`discoveryUrl\` to verify JWTs.`);
  }
  const discoveryUrl = new URL(options.discoveryUrl);
  let remote: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    remote ??= discoverJwksUri(discoveryUrl, timeout).then((uri) =>
      createRemoteJWKSet(uri, { timeoutDuration: timeout }),
    );
    let keySet: JWTVerifyGetKey;
    try {
      keySet = await remote;
    } catch (error) {
      remote = undefined;
      throw error;
    }
    return keySet(header, token);
  };
}

/** jose's key-selection failures that are the token's fault (its `kid`/`alg` matches no key): 401. */
function isKeyMismatch(error: unknown): boolean {
  return error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys;
}

const keyObjects = new WeakMap<object, KeyObject>();

/** jose hands out Web Crypto keys; node:crypto verifies with a KeyObject (converted once per key). */
function asKeyObject(key: unknown): KeyObject | undefined {
  if (key instanceof KeyObject) return key;
  if (typeof key !== 'object' || key === null) return undefined;
  let converted = keyObjects.get(key);
  if (!converted) {
    try {
      converted = KeyObject.from(key as webcrypto.CryptoKey);
    } catch {
      return undefined; // not a CryptoKey (a secret or a bare JWK): unusable for these algorithms
    }
    keyObjects.set(key, converted);
  }
  return converted;
}

/**
 * Checks the signature over the received bytes, on the event loop. The thread-pool form
 * (`verify(…, callback)`) copies the signing input and hands it to another thread: for a 305 KB
 * token that cost more than it saved (bench/RESULTS.md: ~25 % fewer req/s and twice the p99 with
 * the server on one core), and the ~0.25 ms this takes is less than the `JSON.parse` of the same
 * claims, which the event loop pays anyway. A 1 KB token takes ~30 µs (the RSA operation).
 */
function signatureVerifies(jws: CompactJws, algorithm: JwsAlgorithm, key: KeyObject): boolean {
  const signature = jwsSignature(jws, algorithm, key);
  if (!signature) return false; // not the size this key signs with: refused undecoded
  try {
    return verify(algorithm.hash, jws.signingInput, { key, ...algorithm.options }, signature);
  } catch {
    return false; // node:crypto throws on a key unfit for the options: keyFits rules that out, but a refusal stays a 401
  }
}

/**
 * Verifies a compact JWS body (`application/jwt`) against a JWKS, with the algorithm pinned,
 * issuer/audience checked and a maximum age on `iat`. Returns the verified claims.
 *
 * jose discovers, fetches, caches and selects the keys; the token itself is checked here over its
 * received bytes with node:crypto (see compact-jws.ts for why), with jose's rules: pinned
 * algorithms, no `crit` extensions, RSA keys of 2048 bits or more, then the claims.
 */
export function jwtVerifier(options: JwtVerifierOptions): (request: RawRequest) => Promise<JWTPayload> {
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

  return async (request) => {
    const body = asBuffer(request.rawBody);
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

    let key: KeyObject | undefined;
    try {
      key = asKeyObject(await getKey(header as unknown as CompactJWSHeaderParameters, EMPTY_TOKEN));
    } catch (error) {
      if (isKeyMismatch(error)) throw invalid(`No ${provider} signing key matches the JWT's "kid".`);
      throw new DependencyUnavailableError(
        'key_set_unavailable',
        `Could not load the ${provider} signing keys (discovery document or JWKS); retry later.`,
        { cause: error },
      );
    }
    if (!key || !keyFits(algorithm, key))
      throw invalid(`The ${provider} signing key cannot verify a ${String(header.alg)} JWT.`);
    if (!signatureVerifies(jws, algorithm, key)) {
      throw invalid(`The ${provider} JWT signature does not verify.`);
    }
    const claims = jsonObject(decodeBase64url(jws.encodedPayload));
    if (!claims) throw invalid(`The ${provider} JWT claims are not a base64url-encoded JSON object.`);
    checkClaims(claims, policy);
    return claims as JWTPayload;
  };
}

/** The resolvers built by jose select keys from the header alone. */
const EMPTY_TOKEN = { payload: '', signature: '' };
