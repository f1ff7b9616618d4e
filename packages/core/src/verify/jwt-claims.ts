import { SignatureVerificationError } from '../errors.js';

/** What a verified token's claims must satisfy (RFC 7519 §4.1), as jose's `jwtVerify` checks them. */
export interface ClaimsPolicy {
  readonly provider: string;
  readonly issuer?: readonly string[];
  readonly audience?: readonly string[];
  /** Maximum age of `iat`, seconds; `iat` is then required. */
  readonly maxAge?: number;
  /** Clock skew allowed on every time claim, seconds. */
  readonly clockTolerance: number;
  readonly requiredClaims?: readonly string[];
}

/**
 * Throws a 401 naming the first claim that fails. Messages name the claim, never its value: the
 * claims set is the event payload.
 */
export function checkClaims(
  claims: Record<string, unknown>,
  policy: ClaimsPolicy,
  now = Math.floor(Date.now() / 1000),
): void {
  const { provider, clockTolerance: tolerance } = policy;
  const fail = (
    claim: string,
    reason: string,
    code: 'invalid_signature' | 'timestamp_out_of_range' = 'invalid_signature',
  ) => new SignatureVerificationError(code, `The ${provider} JWT claim "${claim}" is not valid (${reason}).`);

  for (const claim of policy.requiredClaims ?? []) {
    if (claims[claim] === undefined) throw fail(claim, 'missing');
  }
  if (policy.issuer && !(typeof claims.iss === 'string' && policy.issuer.includes(claims.iss))) {
    throw fail('iss', 'unexpected issuer');
  }
  if (policy.audience) {
    const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    if (!aud.some((value) => policy.audience!.includes(value as string))) throw fail('aud', 'unexpected audience');
  }
  const time = (claim: 'iat' | 'exp' | 'nbf', required: boolean): number | undefined => {
    const value = claims[claim];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw fail(claim, required && value === undefined ? 'missing' : 'not a number');
    return value;
  };
  const nbf = time('nbf', false);
  if (nbf !== undefined && nbf > now + tolerance) throw fail('nbf', 'not yet valid', 'timestamp_out_of_range');
  const exp = time('exp', false);
  if (exp !== undefined && exp <= now - tolerance) {
    throw new SignatureVerificationError('timestamp_out_of_range', `The ${provider} JWT has expired (exp).`);
  }
  const iat = time('iat', policy.maxAge !== undefined);
  if (iat === undefined || policy.maxAge === undefined) return;
  if (iat > now + tolerance) throw fail('iat', 'in the future', 'timestamp_out_of_range');
  if (now - iat > policy.maxAge + tolerance) {
    throw new SignatureVerificationError(
      'timestamp_out_of_range',
      `The ${provider} JWT is too old (iat beyond the maximum age).`,
    );
  }
}
