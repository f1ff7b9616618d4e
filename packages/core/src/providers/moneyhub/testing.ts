import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import type { ProviderTesting } from '../../provider-testing.js';
import { moneyhubSamples } from './samples.js';

/** An RSA key pair standing in for Moneyhub's signing key: give `jwks` to `moneyhub({ jwks })`. */
export interface MoneyhubTestKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwks: JSONWebKeySet;
}

/** Generates a fresh RS256 key pair and its public JWKS. */
export async function createMoneyhubTestKeys(kid = `finhooks-test-${randomUUID()}`): Promise<MoneyhubTestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwks: { keys: [jwk] } };
}

let sharedKeys: Promise<MoneyhubTestKeys> | undefined;

/** One key set per process, used by `createTestRequest` for Moneyhub JWT providers unless you pass your own. */
export function moneyhubTestKeys(): Promise<MoneyhubTestKeys> {
  sharedKeys ??= createMoneyhubTestKeys('finhooks-test');
  return sharedKeys;
}

/** Moneyhub's test bodies for `@finhooks/core/testing`; its JWT mode signs with `moneyhubTestKeys()`. */
export const moneyhubTesting: ProviderTesting = {
  name: 'moneyhub',
  samples: moneyhubSamples,
  minimalBody: (type) => ({ id: randomUUID(), eventType: type, userId: 'test-user', payload: {} }),
  async signOptions(provider, options) {
    // The JSON mode is unsigned; the JWT mode needs a private key whose public half `jwks` holds.
    if (!provider.contentTypes.includes('application/jwt') || options?.privateKey) return options;
    const keys = await moneyhubTestKeys();
    return { ...options, privateKey: keys.privateKey, kid: keys.kid };
  },
};
