import { constants, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';

/**
 * The JWS algorithms finhooks verifies itself (RFC 7518 §3), as node:crypto parameters. Asymmetric
 * only: a webhook receiver holds public keys, and pinning these families is what keeps `none` and
 * "HS256 keyed with the public key" out.
 */
export interface JwsAlgorithm {
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  /** Key types the algorithm may be used with (`KeyObject.asymmetricKeyType`). */
  readonly keyTypes: readonly string[];
  /** For ECDSA: the curve the key must be on (`asymmetricKeyDetails.namedCurve`). */
  readonly curve?: string;
  readonly options?: Omit<VerifyKeyObjectInput, 'key'>;
}

const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
const p1363 = { dsaEncoding: 'ieee-p1363' } as const;

const ALGORITHMS: Readonly<Record<string, JwsAlgorithm>> = {
  RS256: { hash: 'sha256', keyTypes: ['rsa'] },
  RS384: { hash: 'sha384', keyTypes: ['rsa'] },
  RS512: { hash: 'sha512', keyTypes: ['rsa'] },
  PS256: { hash: 'sha256', keyTypes: ['rsa', 'rsa-pss'], options: pss },
  PS384: { hash: 'sha384', keyTypes: ['rsa', 'rsa-pss'], options: pss },
  PS512: { hash: 'sha512', keyTypes: ['rsa', 'rsa-pss'], options: pss },
  ES256: { hash: 'sha256', keyTypes: ['ec'], curve: 'prime256v1', options: p1363 },
  ES384: { hash: 'sha384', keyTypes: ['ec'], curve: 'secp384r1', options: p1363 },
  ES512: { hash: 'sha512', keyTypes: ['ec'], curve: 'secp521r1', options: p1363 },
};

/** Shorter RSA keys are refused, as jose and RFC 7518 §3.3 require. */
const MIN_RSA_BITS = 2048;

export const SUPPORTED_JWS_ALGORITHMS = Object.keys(ALGORITHMS);

export function jwsAlgorithm(name: string): JwsAlgorithm | undefined {
  return Object.hasOwn(ALGORITHMS, name) ? ALGORITHMS[name] : undefined;
}

/** True when `key` may verify `algorithm`: right key type, curve and size. */
export function keyFits(algorithm: JwsAlgorithm, key: KeyObject): boolean {
  if (key.type !== 'public' || !key.asymmetricKeyType || !algorithm.keyTypes.includes(key.asymmetricKeyType)) {
    return false;
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (algorithm.curve) return details.namedCurve === algorithm.curve;
  return (details.modulusLength ?? 0) >= MIN_RSA_BITS;
}
