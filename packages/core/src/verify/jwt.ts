import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { DependencyUnavailableError, SignatureVerificationError } from '../errors.js';
import { asBuffer, type RawRequest } from '../request.js';

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

/** True for errors about the token itself (→ 401); anything else is the key source failing (→ 503). */
function isTokenError(error: unknown): boolean {
  return (
    error instanceof errors.JOSEError &&
    !(error instanceof errors.JWKSTimeout) &&
    !(error instanceof errors.JWKSInvalid)
  );
}

/**
 * Verifies a compact JWS body (`application/jwt`) against a JWKS, with the algorithm pinned,
 * issuer/audience checked and a maximum age on `iat`. Returns the verified claims.
 */
export function jwtVerifier(options: JwtVerifierOptions): (request: RawRequest) => Promise<JWTPayload> {
  const getKey = keyResolver(options);
  const { provider } = options;
  const verifyOptions = {
    algorithms: [...options.algorithms],
    issuer: typeof options.issuer === 'string' ? options.issuer : options.issuer && [...options.issuer],
    audience: typeof options.audience === 'string' ? options.audience : options.audience && [...options.audience],
    maxTokenAge: options.maxAge,
    clockTolerance: options.clockTolerance ?? 5,
    requiredClaims: options.requiredClaims ? [...options.requiredClaims] : undefined,
  };
  return async (request) => {
    const token = asBuffer(request.rawBody).toString('utf8').trim();
    if (token.length === 0) {
      throw new SignatureVerificationError('missing_signature', `The ${provider} body is empty: expected a signed JWT.`);
    }
    try {
      const { payload } = await jwtVerify(token, getKey, verifyOptions);
      return payload;
    } catch (error) {
      if (!isTokenError(error)) {
        throw new DependencyUnavailableError(
          'key_set_unavailable',
          `Could not load the ${provider} signing keys (discovery document or JWKS); retry later.`,
          { cause: error },
        );
      }
      throw tokenError(provider, error as InstanceType<typeof errors.JOSEError>);
    }
  };
}

/**
 * Maps jose's errors to 401s that say what failed, without echoing the token. jose's error is not
 * kept as `cause`: claim errors carry the whole claims set (the event payload) on `.payload`.
 */
function tokenError(provider: string, error: InstanceType<typeof errors.JOSEError>): SignatureVerificationError {
  if (error instanceof errors.JWTExpired) {
    return new SignatureVerificationError('timestamp_out_of_range', `The ${provider} JWT is too old (iat beyond the maximum age).`); 
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const code = error.claim === 'iat' || error.claim === 'nbf' ? 'timestamp_out_of_range' : 'invalid_signature';
    return new SignatureVerificationError(code, `The ${provider} JWT claim "${error.claim}" is not valid (${error.reason}).`); 
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new SignatureVerificationError('invalid_signature', `The ${provider} JWT uses an algorithm that is not allowed.`); 
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new SignatureVerificationError('invalid_signature', `No ${provider} signing key matches the JWT's "kid".`); 
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new SignatureVerificationError('invalid_signature', `The ${provider} JWT signature does not verify.`); 
  }
  return new SignatureVerificationError('invalid_signature', `The ${provider} body is not a valid signed JWT.`); 
}
