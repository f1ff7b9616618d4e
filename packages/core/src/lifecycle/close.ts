import { assertPositiveInteger } from '../options.js';
import type { InFlight } from './in-flight.js';
import { settlesWithin } from './timeout.js';

export interface CloseOptions {
  /**
   * How long deliveries in flight may take to finish, ms. Past it their handlers are given up on:
   * their claims are released and they are answered 503 `shutting_down` with Retry-After, so the
   * provider's retry runs them again (nothing unfinished is marked processed). Default 25 000
   * (inside the usual 30 s between SIGTERM and SIGKILL).
   */
  readonly timeout?: number;
}

export interface CloseResult {
  /** Deliveries whose handlers had not finished at the deadline: claims released, answered 503. */
  readonly abandoned: number;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 25_000;
/** After giving up, the time the abandoned deliveries get to release their claims and answer. */
const RELEASE_GRACE_MS = 5_000;

/**
 * Stops taking deliveries (503 `shutting_down` from now on), waits for those in flight, and gives
 * up on the rest at the deadline (see `InFlight.abandon`). Never closes the store, queue or inbox:
 * they are the app's, and a worker may still use them.
 */
export async function closeDeliveries(inFlight: InFlight, options: CloseOptions = {}): Promise<CloseResult> {
  assertPositiveInteger('close', 'timeout', options.timeout, 'milliseconds');
  inFlight.closing = true;
  if (await settlesWithin(inFlight.drained(), options.timeout ?? DEFAULT_CLOSE_TIMEOUT_MS)) return { abandoned: 0 };
  const abandoned = inFlight.abandon();
  await settlesWithin(inFlight.drained(), RELEASE_GRACE_MS);
  return { abandoned };
}
