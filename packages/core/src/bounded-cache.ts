/**
 * A `Map` bounded in entries, the least recently used going first, each entry optionally expiring
 * after a time to live (ms, on the monotonic clock). What the memory store and the router's
 * unknown-type cache need, and no more: lru-cache did the same but was ~19 KB of every bundled
 * handler (12 % of it) and ~6 ms of its cold start (bench/README.md, "Cold start").
 */
export class BoundedCache<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<K, { readonly value: V; readonly expires: number }>();
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

  /** Stores `value` as the most recently used, evicting the least recently used beyond `max`. */
  set(key: K, value: V, ttl = this.#ttl): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: performance.now() + ttl });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Entries held, expired ones not yet read included. */
  get size(): number {
    return this.#entries.size;
  }
}
