import type { JwsAlgorithm } from '../platform/jws-algorithm.js';

export type { JwsAlgorithm } from '../platform/jws-algorithm.js';

/**
 * The JWS algorithms finhooks verifies itself (RFC 7518 §3). Asymmetric only: a webhook receiver
 * holds public keys, and pinning these families is what keeps `none` and "HS256 keyed with the
 * public key" out. `#crypto` maps each to node:crypto or Web Crypto parameters.
 */
const ALGORITHMS: Readonly<Record<string, JwsAlgorithm>> = {
  RS256: { name: 'RS256', hash: 'SHA-256', family: 'rsa' },
  RS384: { name: 'RS384', hash: 'SHA-384', family: 'rsa' },
  RS512: { name: 'RS512', hash: 'SHA-512', family: 'rsa' },
  PS256: { name: 'PS256', hash: 'SHA-256', family: 'pss' },
  PS384: { name: 'PS384', hash: 'SHA-384', family: 'pss' },
  PS512: { name: 'PS512', hash: 'SHA-512', family: 'pss' },
  ES256: { name: 'ES256', hash: 'SHA-256', family: 'ec', curve: 'P-256' },
  ES384: { name: 'ES384', hash: 'SHA-384', family: 'ec', curve: 'P-384' },
  ES512: { name: 'ES512', hash: 'SHA-512', family: 'ec', curve: 'P-521' },
};

export const SUPPORTED_JWS_ALGORITHMS = Object.keys(ALGORITHMS);

export function jwsAlgorithm(name: string): JwsAlgorithm | undefined {
  return Object.hasOwn(ALGORITHMS, name) ? ALGORITHMS[name] : undefined;
}
