/**
 * The JWS algorithms finhooks verifies itself (RFC 7518 §3), described neutrally: each crypto
 * implementation (`#crypto`) maps them to its own parameters. Asymmetric only: a webhook receiver
 * holds public keys, and pinning these families is what keeps `none` and "HS256 keyed with the
 * public key" out.
 */
export interface JwsAlgorithm {
  readonly name: string;
  readonly hash: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** RSASSA-PKCS1-v1_5, RSASSA-PSS, or ECDSA over `curve`. */
  readonly family: 'rsa' | 'pss' | 'ec';
  /** ECDSA: the JOSE curve name the key must be on. */
  readonly curve?: 'P-256' | 'P-384' | 'P-521';
}

/** Shorter RSA keys are refused, as jose and RFC 7518 §3.3 require. */
export const MIN_RSA_BITS = 2048;
