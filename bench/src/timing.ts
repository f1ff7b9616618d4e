/**
 * A careful timing loop: warm-up pass, then `samples` passes over distinct inputs, each timed as a
 * whole with `process.hrtime.bigint()` (no per-call timer overhead); the median pass wins.
 */
import { median } from './stats.js';

export interface TimingOptions {
  /** Timed passes over the inputs. */
  readonly samples: number;
  /** Untimed passes first (JIT, inline caches). */
  readonly warmup?: number;
}

/**
 * µs per call of `fn` over `inputs`. `fresh()` runs before every pass (e.g. a new store, so
 * de-duplication never sees an input twice) and its result is passed to `fn`.
 */
export async function timePerCall<T, C = undefined>(
  inputs: readonly T[],
  fn: (input: T, context: C) => unknown,
  options: TimingOptions,
  fresh: () => C = () => undefined as C,
): Promise<number> {
  // Probe once to pick the sync or the async loop (awaiting a sync result would add a microtask per call).
  const probe = fn(inputs[0]!, fresh());
  const isAsync = probe instanceof Promise;
  if (isAsync) await probe;
  const pass = async (): Promise<number> => {
    const context = fresh();
    const t0 = process.hrtime.bigint();
    if (isAsync) {
      for (let i = 0; i < inputs.length; i++) await fn(inputs[i]!, context);
    } else {
      for (let i = 0; i < inputs.length; i++) fn(inputs[i]!, context);
    }
    return Number(process.hrtime.bigint() - t0) / 1e3 / inputs.length;
  };
  for (let i = 0; i < (options.warmup ?? 1); i++) await pass();
  const results: number[] = [];
  for (let i = 0; i < options.samples; i++) results.push(await pass());
  return median(results);
}
