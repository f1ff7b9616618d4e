/**
 * A `Map` bounded in entries, the least recently used going first, each entry optionally expiring
 * after a time to live (ms, on the monotonic clock). What the memory store and the router's
 * unknown-type cache need, and no more: lru-cache did the same but was ~19 KB of every bundled
 * handler (12 % of it) and ~6 ms of its cold start (bench/README.md, "Cold start").
 */
export class BoundedCache<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<K, { readonly value: V; readonly expires: number }>();
  /**
   * One iterator over the keys for every eviction, kept between them. A fresh `keys()` per eviction
   * walked from the table's start over every entry deleted since V8 last compacted it, and a full
   * cache deletes one per read or write: at 10,000 entries that was ~2 µs per delivery of the
   * memory store (bench/README.md, item 9). A Map's iterator is live: entries deleted ahead of it
   * are skipped and re-inserted ones come again at the end, so the next key it gives is always the
   * oldest entry still there (the LRU model in bounded-cache.test.ts checks it).
   */
  readonly #oldest: Iterator<K> = this.#entries.keys();
  readonly #max: number;
  readonly #ttl: number;

  /** @param ttl default time to live of an entry, ms (default: none). */
  constructor(max: number, ttl = Number.POSITIVE_INFINITY) {
    this.#max = max;
    this.#ttl = ttl;
  }

  /** The live value, which becomes the most recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expires <= performance.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The live value, its recency unchanged (for a caller about to overwrite or delete it). */
  peek(key: K): V | undefined {
    const entry = this.#entries.get(key);
    return entry === undefined || entry.expires <= performance.now() ? undefined : entry.value;
  }

  /** Stores `value` as the most recently used, evicting the least recently used beyond `max`. */
  set(key: K, value: V, ttl = this.#ttl): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: performance.now() + ttl });
    if (this.#entries.size > this.#max) this.#evictOldest();
  }

  /**
   * Never done: every live entry sits after the iterator's position (those before it were given
   * out and deleted, or deleted before it got there), and a cache over its bound has one.
   */
  #evictOldest(): void {
    this.#entries.delete(this.#oldest.next().value as K);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    // The iterator carries on over what is added after (a Map's iterators survive `clear`).
    this.#entries.clear();
  }

  /** Entries held, expired ones not yet read included. */
  get size(): number {
    return this.#entries.size;
  }
}
