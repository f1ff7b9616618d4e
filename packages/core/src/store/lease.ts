import type { IdempotencyStore } from './types.js';

/** setTimeout fires at once past this delay (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A claim held by the pipeline while handlers run: its token, and a heartbeat to stop. */
export interface HeldLease {
  readonly token: string;
  /** Stops extending the lease (before `complete`/`release`). */
  stop(): void;
}

/**
 * Keeps a claim's lease alive while the handlers run: `extend` every `leaseTtl / 3` ms, so a slow
 * handler keeps its claim (redeliveries get 409, not a second run) for as long as the process lives,
 * and a crashed process's claim still frees itself within `leaseTtl`. A failed extension is retried
 * at the next beat; one answered `'lost'` ends the heartbeat (`complete` will then report it).
 */
export function holdLease(store: IdempotencyStore, key: string, token: string): HeldLease {
  const interval = Math.floor(store.leaseTtl / 3);
  // A lease too long for a timer (or not a number of ms) never needs extending while handlers run.
  if (!(interval >= 1 && interval <= MAX_TIMER_MS)) return { token, stop: () => undefined };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const beat = (): void => {
    timer = setTimeout(() => {
      store.extend(key, token).then(
        (result) => {
          if (result === 'extended' && !stopped) beat();
        },
        () => {
          if (!stopped) beat();
        },
      );
    }, interval);
    // A heartbeat never keeps the process alive on its own. Node only: Workers and Edge timers are numbers.
    (timer as { unref?: () => void }).unref?.();
  };
  beat();
  return {
    token,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
