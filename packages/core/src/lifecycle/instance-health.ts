import type { InstanceState } from '../instance.js';
import { type HealthCheckResult, type HealthOptions, type HealthReport, runHealthChecks } from './health.js';

type Check = (signal: AbortSignal) => Promise<void>;

/**
 * The checks that apply to an instance: `store` (not in inbox mode: the pipeline does not use it
 * then), `queue` or `inbox`, `keys` (the provider's key source). Dependencies without a `health`
 * method are left out. `accepting` is `down` once `close()` was called, so a load balancer stops
 * sending deliveries before the process goes.
 */
export function instanceHealth(state: InstanceState, options?: HealthOptions): Promise<HealthReport> {
  const checks: Record<string, Check> = {};
  const add = (name: string, dependency: { health?: Check } | undefined) => {
    if (typeof dependency?.health === 'function') checks[name] = (signal) => dependency.health!(signal);
  };
  if (!state.inbox) add('store', state.store);
  add('queue', state.queue);
  add('inbox', state.inbox);
  add('keys', state.provider);
  const accepting: HealthCheckResult = state.inFlight.closing
    ? { status: 'down', durationMs: 0, error: 'shutting_down' }
    : { status: 'ok', durationMs: 0 };
  return runHealthChecks(checks, { accepting }, options);
}
