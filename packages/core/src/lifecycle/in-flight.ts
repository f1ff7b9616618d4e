import { ShuttingDownError } from '../errors.js';

/**
 * The deliveries an instance is working on, for `webhooks.close()`: a counter, a promise that
 * resolves when it reaches zero, and a way to give up on the handlers still running at the deadline.
 * Kept apart from the pipeline so that the pipeline only calls `enter`/`leave`/`unlessAbandoned`.
 */
export class InFlight {
  /** Set by `close()`: new deliveries are answered 503 `shutting_down`. */
  closing = false;
  private count = 0;
  private idle: (() => void)[] = [];
  private readonly waiting = new Set<(error: Error) => void>();

  get size(): number {
    return this.count;
  }

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }

  /** Resolves once no delivery is in flight. */
  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * `work` (the handlers, or the enqueue), unless `abandon()` comes first: then it rejects with
   * `ShuttingDownError`, so the pipeline releases the claim and answers 503 instead of waiting
   * for handlers the process will not live to finish. `work` keeps running; its outcome is dropped.
   */
  unlessAbandoned<T>(work: Promise<T>): Promise<T> {
    let reject!: (error: Error) => void;
    const abandoned = new Promise<never>((_, fail) => (reject = fail));
    this.waiting.add(reject);
    work.catch(() => undefined);
    return Promise.race([work, abandoned]).finally(() => this.waiting.delete(reject));
  }

  /** Gives up on every delivery whose handlers still run; returns how many. */
  abandon(): number {
    const waiting = [...this.waiting];
    this.waiting.clear();
    const error = new ShuttingDownError(
      'This webhook receiver shut down before the handlers finished; the delivery was not marked as processed, retry.',
    );
    for (const reject of waiting) reject(error);
    return waiting.length;
  }
}
