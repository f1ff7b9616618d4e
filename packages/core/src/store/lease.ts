import type { IdempotencyStore } from './types.js';

/** setTimeout fires at once past this delay (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A claim held by the pipeline while handlers run: its token, and a heartbeat to stop. */
export interface HeldLease {
  readonly token: string;
  /** Stops extending the lease (before `complete`/`release`). */
  stop(): void;
}

interface Lease {
  readonly key: string;
  readonly token: string;
  /** When it was claimed or last extended (ms, monotonic). */
  since: number;
  /** An `extend` is on its way: the next beat does not send another. */
  extending: boolean;
}

/**
 * One timer per store beats for all of its held leases: a timer per delivery (set, then cleared
 * microseconds later by a handler that returned at once) cost more than the rest of the claim.
 * The timer runs while leases are held and stops at the first beat that finds none.
 */
class Heartbeat {
  readonly #store: IdempotencyStore;
  readonly #interval: number;
  readonly #leases = new Set<Lease>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(store: IdempotencyStore, interval: number) {
    this.#store = store;
    this.#interval = interval;
  }

  hold(key: string, token: string): HeldLease {
    const lease: Lease = { key, token, since: performance.now(), extending: false };
    this.#leases.add(lease);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#beat(), this.#interval);
      // A heartbeat never keeps the process alive on its own. Node only: Workers and Edge timers are numbers.
      (this.#timer as { unref?: () => void }).unref?.();
    }
    return { token, stop: () => this.#leases.delete(lease) };
  }

  #beat(): void {
    if (this.#leases.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    const now = performance.now();
    for (const lease of this.#leases) {
      // A lease younger than half a beat waits for the next one: its first extension then comes at
      // most 1.5 intervals (half the lease TTL) after the claim, later ones every interval.
      if (lease.extending || now - lease.since < this.#interval / 2) continue;
      lease.extending = true;
      lease.since = now;
      this.#store.extend(lease.key, lease.token).then(
        (result) => {
          lease.extending = false;
          // 'lost': another claim holds the key; `complete` will report it.
          if (result !== 'extended') this.#leases.delete(lease);
        },
        () => {
          lease.extending = false; // a failed extension is retried at the next beat
        },
      );
    }
  }
}

const heartbeats = new WeakMap<IdempotencyStore, Heartbeat>();
const NO_HEARTBEAT = { stop: () => undefined };

/**
 * Keeps a claim's lease alive while the handlers run: `extend` every `leaseTtl / 3` ms or so (see
 * `Heartbeat`), so a slow handler keeps its claim (redeliveries get 409, not a second run) for as
 * long as the process lives, and a crashed process's claim still frees itself within `leaseTtl`.
 * A failed extension is retried at the next beat; one answered `'lost'` ends the heartbeat for
 * that lease (`complete` will then report it).
 */
export function holdLease(store: IdempotencyStore, key: string, token: string): HeldLease {
  let heartbeat = heartbeats.get(store);
  if (heartbeat === undefined) {
    const interval = Math.floor(store.leaseTtl / 3);
    // A lease too long for a timer (or not a number of ms) never needs extending while handlers run.
    if (!(interval >= 1 && interval <= MAX_TIMER_MS)) return { token, ...NO_HEARTBEAT };
    heartbeats.set(store, (heartbeat = new Heartbeat(store, interval)));
  }
  return heartbeat.hold(key, token);
}
