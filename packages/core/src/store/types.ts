/**
 * De-duplication of redeliveries. A delivery is *claimed* before its handlers run, *completed* when
 * they all succeeded, and *released* when one failed (so the provider's retry runs them again).
 *
 * Contract for implementations (the in-memory default, `@finhooks/redis`, your own):
 * - `claim` is atomic: of two concurrent claims of the same key exactly one gets `'claimed'`.
 * - A claim is a lease: if `complete`/`release` never comes (the process crashed), it expires after
 *   the store's lease TTL and the next delivery can claim the key again.
 * - `complete` keeps the key as done for the store's retention TTL: later deliveries are `'duplicate'`.
 * - `release` forgets the key.
 * - Failing calls reject; the pipeline answers 503 so a retrying provider comes back.
 */
export type ClaimResult = 'claimed' | 'duplicate' | 'in-flight';

export interface IdempotencyStore {
  claim(key: string): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** Retention defaults shared by the stores: long enough for Atelio's 3-day retries, a lease that outlives handlers. */
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
export const DEFAULT_LEASE_MS = 60 * 1000;
