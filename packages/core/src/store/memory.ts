import { LRUCache } from 'lru-cache';
import { assertPositiveInteger } from '../options.js';
import { type ClaimResult, DEFAULT_LEASE_MS, DEFAULT_RETENTION_MS, type IdempotencyStore } from './types.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the least recently used go first. Default 10 000. */
  readonly maxEntries?: number;
  /** How long a completed delivery is remembered, ms. Default 72 h (Atelio retries for 3 days). */
  readonly ttl?: number;
  /** How long a claim holds without `complete`/`release`, ms. Default 60 s. */
  readonly leaseTtl?: number;
}

type State = 'processing' | 'done';

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
  const cache = new LRUCache<string, State>({ max: options.maxEntries ?? 10_000, ttl });
  return {
    async claim(key): Promise<ClaimResult> {
      const state = cache.get(key);
      if (state === 'done') return 'duplicate';
      if (state === 'processing') return 'in-flight';
      cache.set(key, 'processing', { ttl: leaseTtl });
      return 'claimed';
    },
    async complete(key) {
      cache.set(key, 'done', { ttl });
    },
    async release(key) {
      cache.delete(key);
    },
  };
}
