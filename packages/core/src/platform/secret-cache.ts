/**
 * What each `#crypto` implementation derives once per HMAC secret (node: the padded key blocks;
 * Web Crypto: the imported `CryptoKey`), kept by secret so no delivery pays for it again. Deriving
 * costs more than the HMAC of a small body. Secrets are few (configured ones, and per-tenant ones
 * looked up): at most `MAX_CACHED_SECRETS` strings are kept, the oldest dropped first; byte
 * secrets are kept by identity, for as long as their caller holds them.
 */
const MAX_CACHED_SECRETS = 64;

export function secretCache<T>(derive: (secret: string | Uint8Array) => T): (secret: string | Uint8Array) => T {
  const ofStrings = new Map<string, T>();
  const ofBytes = new WeakMap<Uint8Array, T>();
  return (secret) => {
    if (typeof secret !== 'string') {
      let derived = ofBytes.get(secret);
      if (derived === undefined) ofBytes.set(secret, (derived = derive(secret)));
      return derived;
    }
    let derived = ofStrings.get(secret);
    if (derived === undefined) {
      if (ofStrings.size >= MAX_CACHED_SECRETS) ofStrings.delete(ofStrings.keys().next().value!);
      ofStrings.set(secret, (derived = derive(secret)));
    }
    return derived;
  };
}
