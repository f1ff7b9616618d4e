import { withTimeout } from './timeout.js';
import type { WebhookWorker } from './worker.js';

export interface CloseOnSignalsOptions {
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * How long running jobs may take to finish, ms. Past it the process exits anyway (code 1): the
   * unfinished jobs are retried by another worker once their lock expires. Default 25 000 (inside
   * the usual 30 s between SIGTERM and SIGKILL).
   */
  readonly timeout?: number;
  /** Closes your other resources (queue, store, database) after the worker. */
  readonly onClosed?: () => unknown;
  /** Exit the process once closed (code 0, or 1 if closing failed or timed out). Default true. */
  readonly exit?: boolean;
}

/**
 * Graceful shutdown for a worker process: on SIGTERM/SIGINT stop taking jobs, let running jobs
 * finish (up to `timeout`), call `onClosed`, then exit. Returns a function that removes the listeners.
 */
export function closeOnSignals(worker: WebhookWorker, options: CloseOnSignalsOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeout = options.timeout ?? 25_000;
  let closing = false;

  const onSignal = (): void => {
    if (closing) return;
    closing = true;
    withTimeout(
      worker.close(),
      timeout,
      `running jobs did not finish within ${timeout} ms; they will be retried once their lock expires`,
    )
      .then(() => options.onClosed?.())
      .then(
        () => finish(0),
        (error: unknown) => {
          console.error(`[finhooks] queue worker: ${error instanceof Error ? error.message : String(error)}`);
          finish(1);
        },
      );
  };

  function finish(code: number): void {
    if (options.exit ?? true) process.exit(code);
  }

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
