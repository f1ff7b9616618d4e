import { withTimeout } from './timeout.js';
import { releaseRunningJobs, type WebhookWorker } from './worker.js';

export interface CloseOnSignalsOptions {
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * How long running jobs may take to finish, ms. Past it the unfinished jobs are put back in the
   * wait list (another worker takes them at once; never marked completed, the attempt not counted)
   * and the process exits with code 1. Default 25 000 (inside the usual 30 s between SIGTERM and SIGKILL).
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
    void shutDown().then(finish);
  };

  /** The exit code: 0 when every running job finished and `onClosed` succeeded. */
  async function shutDown(): Promise<number> {
    let code = 0;
    try {
      await withTimeout(worker.close(), timeout, `running jobs did not finish within ${timeout} ms`);
    } catch (error) {
      code = 1;
      const released = await releaseRunningJobs(worker).catch(() => 0);
      console.error(
        `[finhooks] queue worker: ${describe(error)}; ${released} job${released === 1 ? '' : 's'} put back in the queue for another worker.`,
      );
    }
    try {
      await options.onClosed?.();
    } catch (error) {
      code = 1;
      console.error(`[finhooks] queue worker: onClosed failed: ${describe(error)}`);
    }
    return code;
  }

  function finish(code: number): void {
    if (options.exit ?? true) process.exit(code);
  }

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
