import { BoundedCache } from '../bounded-cache.js';
import { assertPositiveInteger } from '../options.js';
import { type ClaimResult, DEFAULT_LEASE_MS, DEFAULT_RETENTION_MS, type IdempotencyStore } from './types.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the least recently used go first. Default 10 000. */
  readonly maxEntries?: number;
  /** How long a completed delivery is remembered, ms. Default 72 h (Atelio retries for 3 days). */
  readonly ttl?: number;
  /** How long a claim holds without `complete`/`release`/`extend`, ms. Default 60 s. */
  readonly leaseTtl?: number;
}

/** A held lease (its token), or `DONE`. */
type State = string;
const DONE = Symbol('done');

/**
 * The default store: one process, bounded in size and time. Behind a load balancer, use
 * `@finhooks/redis` so all instances share claims.
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  assertPositiveInteger('memoryStore', 'maxEntries', options.maxEntries, 'entries');
  assertPositiveInteger('memoryStore', 'ttl', options.ttl, 'milliseconds');
  assertPositiveInteger('memoryStore', 'leaseTtl', options.leaseTtl, 'milliseconds');
  const ttl = options.ttl ?? DEFAULT_RETENTION_MS;
  const leaseTtl = options.leaseTtl ?? DEFAULT_LEASE_MS;
  const cache = new BoundedCache<string, State | typeof DONE>(options.maxEntries ?? 10_000, ttl);
  /** Held by `token`, or free (expired, released, evicted): the caller may take the key. */
  const ownsOrFree = (key: string, token: string): boolean => {
    const state = cache.get(key);
    return state === undefined || state === token;
  };
  return {
    leaseTtl,
    async claim(key): Promise<ClaimResult> {
      const state = cache.get(key);
      if (state === DONE) return { status: 'duplicate' };
      if (state !== undefined) return { status: 'in-flight' };
      const token = globalThis.crypto.randomUUID();
      cache.set(key, token, leaseTtl);
      return { status: 'claimed', token };
    },
    async complete(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      cache.set(key, DONE, ttl);
      return 'completed';
    },
    async release(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      cache.delete(key);
      return 'released';
    },
    async extend(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      cache.set(key, token, leaseTtl);
      return 'extended';
    },
  };
}
