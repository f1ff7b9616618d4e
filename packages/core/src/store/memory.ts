import { BoundedCache } from '../bounded-cache.js';
import { assertPositiveInteger } from '../options.js';
import {
  type ClaimResult,
  type CompleteResult,
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type IdempotencyStore,
} from './types.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the least recently used go first. Default 10 000. */
  readonly maxEntries?: number;
  /** How long a completed delivery is remembered, ms. Default 72 h (Atelio retries for 3 days). */
  readonly ttl?: number;
  /** How long a claim holds without `complete`/`release`/`extend`, ms. Default 60 s. */
  readonly leaseTtl?: number;
}

const DONE = Symbol('done');

/**
 * The default store: one process, bounded in size and time. Behind a load balancer, use
 * `@finhooks/redis` so all instances share claims.
 *
 * A `BoundedCache` (a `Map` in recency order, each entry with its expiry on the monotonic clock,
 * checked when read): at most `maxEntries` keys, the least recently used evicted first. An expired
 * entry counts as absent; it stays (towards `maxEntries`) until it is read or evicted, which keeps
 * every call O(1) with no timer (bench/README.md).
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  assertPositiveInteger('memoryStore', 'maxEntries', options.maxEntries, 'entries');
  assertPositiveInteger('memoryStore', 'ttl', options.ttl, 'milliseconds');
  assertPositiveInteger('memoryStore', 'leaseTtl', options.leaseTtl, 'milliseconds');
  const ttl = options.ttl ?? DEFAULT_RETENTION_MS;
  const leaseTtl = options.leaseTtl ?? DEFAULT_LEASE_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  /** A key held by a lease (its token) or `DONE`. */
  const entries = new BoundedCache<string, string | typeof DONE>(maxEntries, ttl);
  /** Latest occurrence time per entity (stale-event guard); apart from claims, same bounds. */
  const marks = new BoundedCache<string, number>(maxEntries, ttl);

  /**
   * Lease tokens only tell this store's claims apart within the process: a counter does, at a
   * fraction of a random UUID's cost per delivery.
   */
  let claims = 0;
  /**
   * Held by `token`, or free (expired, released, evicted): the caller may take the key. Every
   * caller then overwrites or deletes the entry, so reading it need not move it first.
   */
  const ownsOrFree = (key: string, token: string): boolean => {
    const state = entries.peek(key);
    return state === undefined || state === token;
  };
  const now: SyncStore = {
    claim(key) {
      // A live entry found becomes the most recently used (its expiry unchanged), as an LRU read does.
      const state = entries.get(key);
      if (state === DONE) return { status: 'duplicate' };
      if (state !== undefined) return { status: 'in-flight' };
      const token = `lease-${++claims}`;
      entries.set(key, token, leaseTtl);
      return { status: 'claimed', token };
    },
    complete(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      entries.set(key, DONE, ttl);
      return 'completed';
    },
  };
  const store: IdempotencyStore = {
    leaseTtl,
    claim: async (key) => now.claim(key),
    complete: async (key, token) => now.complete(key, token),
    async release(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      entries.delete(key);
      return 'released';
    },
    async extend(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      entries.set(key, token, leaseTtl);
      return 'extended';
    },
    // No await between the read and the write: atomic within the process.
    async markLatest(entityKey, occurredAtMs) {
      const mark = marks.get(entityKey);
      if (mark !== undefined && mark > occurredAtMs) return 'stale';
      marks.set(entityKey, occurredAtMs);
      return 'latest';
    },
    // In the process: it is up whenever the process answers.
    async health() {},
  };
  syncStores.set(store, { ...now, async: { claim: store.claim, complete: store.complete } });
  return store;
}

/** The calls of the delivery path, answered at once (no I/O). */
export interface SyncStore {
  claim(key: string): ClaimResult;
  complete(key: string, token: string): CompleteResult;
}

/**
 * Memory stores by their public object: a copy or a wrapper (`{ ...store, extend }`) is not one,
 * and `async` holds the methods as made, so a store whose `claim` or `complete` was replaced
 * afterwards (a spy, an instrumentation patch) is called through its own methods.
 */
const syncStores = new WeakMap<
  IdempotencyStore,
  SyncStore & { readonly async: Pick<IdempotencyStore, 'claim' | 'complete'> }
>();

/**
 * The synchronous calls of a store made by `memoryStore`, or undefined for any other store. The
 * pipeline claims and completes through them without awaiting a promise it knows is settled.
 */
export function syncStoreOf(store: IdempotencyStore): SyncStore | undefined {
  const sync = syncStores.get(store);
  return sync && sync.async.claim === store.claim && sync.async.complete === store.complete ? sync : undefined;
}
