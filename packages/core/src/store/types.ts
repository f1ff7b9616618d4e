/**
 * De-duplication of redeliveries. A delivery is *claimed* before its handlers run, *completed* when
 * they all succeeded, and *released* when one failed (so the provider's retry runs them again).
 *
 * Contract for implementations (the in-memory default, `@finhooks/redis`, your own; the shared
 * conformance suite `runStoreConformance` from `@finhooks/core/testing` checks every point):
 * - `claim` is atomic: of concurrent claims of a free key (from any process) exactly one gets
 *   `{ status: 'claimed', token }`; the others get `'in-flight'`. A completed key answers `'duplicate'`.
 * - A claim is a **lease** owned by its `token` (unique per claim, unguessable). If neither
 *   `complete` nor `release` comes (the process crashed), the lease expires after `leaseTtl` ms and
 *   the next delivery can claim the key again, with a new token.
 * - `complete(key, token)` marks the key done for the store's retention TTL (later claims are
 *   `'duplicate'`) when the key is still held by `token`, or is free (the lease expired and nobody
 *   took it: the handlers did succeed). If another claim holds the key, or it is already done, it
 *   changes nothing and answers `'lost'`.
 * - `release(key, token)` frees the key when `token` holds it; a key held by another claim or done
 *   is left alone (`'lost'`). A free key answers `'released'`.
 * - `extend(key, token)` restarts the lease (another `leaseTtl` ms) when `token` holds the key or
 *   the key is free; `'lost'` otherwise. The pipeline calls it every `leaseTtl / 3` ms while the
 *   handlers run, so a lease outlives slow handlers as long as the process is alive.
 * - Failing calls reject; a failing `claim` is answered 503 so a retrying provider comes back.
 * - `markLatest(entityKey, occurredAtMs)` (optional; needed by `createWebhooks({ staleEvents })`)
 *   compares and raises, in one atomic step, the latest occurrence time recorded for an entity:
 *   it answers `'stale'` when a strictly later time is recorded (and changes nothing), otherwise it
 *   records `max(mark, occurredAtMs)` for the store's retention TTL and answers `'latest'` (an equal
 *   time is `'latest'`). Of concurrent calls for one key, each sees the marks of those before it.
 *   Marks live apart from claim keys: the same string names a mark and a claim independently.
 */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly token: string }
  | { readonly status: 'duplicate' }
  | { readonly status: 'in-flight' };

/** `'lost'`: another claim took the key after this lease expired (or it is done already); nothing changed. */
export type CompleteResult = 'completed' | 'lost';
export type ReleaseResult = 'released' | 'lost';
export type ExtendResult = 'extended' | 'lost';
/** `'stale'`: an event about the same entity that occurred later was marked before; nothing changed. */
export type MarkResult = 'latest' | 'stale';

export interface IdempotencyStore {
  /** How long a lease holds without `extend`, ms. The pipeline extends it every third of this. */
  readonly leaseTtl: number;
  claim(key: string): Promise<ClaimResult>;
  complete(key: string, token: string): Promise<CompleteResult>;
  release(key: string, token: string): Promise<ReleaseResult>;
  extend(key: string, token: string): Promise<ExtendResult>;
  /**
   * Atomic compare-and-raise of an entity's latest occurrence time (ms since the epoch, an integer):
   * `'stale'` when a later one is recorded, else records it and answers `'latest'`. Optional: only
   * the stale-event guard (`createWebhooks({ staleEvents })`) calls it.
   */
  markLatest?(entityKey: string, occurredAtMs: number): Promise<MarkResult>;
  /**
   * Optional, for `webhooks.health()`: resolves when the store answers (a `PING`, a `SELECT 1`),
   * rejects otherwise; stop waiting when `signal` aborts. A store without it is not checked.
   */
  health?(signal: AbortSignal): Promise<void>;
}

/** Retention defaults shared by the stores: long enough for Atelio's 3-day retries, a lease that outlives handlers. */
export const DEFAULT_RETENTION_MS = 72 * 60 * 60 * 1000;
export const DEFAULT_LEASE_MS = 60 * 1000;
