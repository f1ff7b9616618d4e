import { BoundedCache } from '../bounded-cache.js';
import { assertPositiveInteger } from '../options.js';
import { crypto } from '#crypto';
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

/** A key's state: held by the lease `token` (a string) or `DONE`, until `expires` (monotonic ms). */
interface Entry {
  readonly state: string | typeof DONE;
  readonly expires: number;
}

/** Monotonic ms: a wall-clock change neither revives nor expires entries early. */
const clock = (): number => performance.now();

/**
 * The default store: one process, bounded in size and time. Behind a load balancer, use
 * `@finhooks/redis` so all instances share claims.
 *
 * A `Map` in recency order (a key moves to the end when written or found live), each entry
 * with its expiry, checked when read: at most `maxEntries` keys, the least recently used evicted
 * first. An expired entry counts as absent; it stays (towards `maxEntries`) until it is read or
 * evicted, which keeps every call O(1) with no timer. A `Map` costs less per call than an LRU
 * cache with per-entry TTL timestamps and preallocated arrays (bench/README.md).
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  assertPositiveInteger('memoryStore', 'maxEntries', options.maxEntries, 'entries');
  assertPositiveInteger('memoryStore', 'ttl', options.ttl, 'milliseconds');
  assertPositiveInteger('memoryStore', 'leaseTtl', options.leaseTtl, 'milliseconds');
  const ttl = options.ttl ?? DEFAULT_RETENTION_MS;
  const leaseTtl = options.leaseTtl ?? DEFAULT_LEASE_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  /** Latest occurrence time per entity (stale-event guard); apart from claims, same bounds. */
  const marks = new BoundedCache<string, number>(maxEntries, ttl);

  /** The live state of `key`, or undefined when absent or expired (an expired entry is dropped). */
  const read = (key: string): Entry['state'] | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > clock()) return entry.state;
    entries.delete(key);
    return undefined;
  };
  /** Writes `key` as the most recently used entry, evicting the least recently used beyond the bound. */
  const write = (key: string, state: Entry['state'], lifetime: number): void => {
    entries.delete(key);
    entries.set(key, { state, expires: clock() + lifetime });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  /** Held by `token`, or free (expired, released, evicted): the caller may take the key. */
  const ownsOrFree = (key: string, token: string): boolean => {
    const state = read(key);
    return state === undefined || state === token;
  };
  const now: SyncStore = {
    claim(key) {
      const entry = entries.get(key);
      if (entry !== undefined && entry.expires > clock()) {
        // Found live: refresh its recency (not its expiry), as an LRU read does.
        entries.delete(key);
        entries.set(key, entry);
        return entry.state === DONE ? { status: 'duplicate' } : { status: 'in-flight' };
      }
      const token = crypto.randomUUID();
      write(key, token, leaseTtl);
      return { status: 'claimed', token };
    },
    complete(key, token) {
      if (!ownsOrFree(key, token)) return 'lost';
      write(key, DONE, ttl);
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
      write(key, token, leaseTtl);
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
  syncStores.set(store, now);
  return store;
}

/** The calls of the delivery path, answered at once (no I/O). */
export interface SyncStore {
  claim(key: string): ClaimResult;
  complete(key: string, token: string): CompleteResult;
}

/** Memory stores by their public object: a copy or a wrapper (`{ ...store, extend }`) is not one. */
const syncStores = new WeakMap<IdempotencyStore, SyncStore>();

/**
 * The synchronous calls of a store made by `memoryStore`, or undefined for any other store. The
 * pipeline claims and completes through them without awaiting a promise it knows is settled.
 */
export function syncStoreOf(store: IdempotencyStore): SyncStore | undefined {
  return syncStores.get(store);
}
