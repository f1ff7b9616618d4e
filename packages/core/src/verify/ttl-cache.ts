/**
 * A Map bounded in size and in age: at most `max` entries, each kept `ttl` ms after it was set; past
 * `max` the least recently used goes. Hand-written (a Map keeps insertion order, so a hit is moved to
 * the end and the first key is the eviction candidate) rather than lru-cache: ~30 lines against a
 * runtime dependency in every handler bundle.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly expires: number }>();
  readonly #max: number;
  readonly #ttl: number;

  constructor(max: number, ttl: number) {
    this.#max = max;
    this.#ttl = ttl;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value set less than `ttl` ms ago, or undefined (an expired entry is dropped). */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expires <= Date.now()) return undefined;
    this.#entries.set(key, entry); // most recently used: last
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.#ttl <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: Date.now() + this.#ttl });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
