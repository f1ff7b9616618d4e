import { WebhookError } from '../errors.js';
import { assertPositiveInteger } from '../options.js';

/** `degraded`: every check answered, one of them slowly. `down`: a check failed or timed out (or the instance is closing). */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface HealthCheckResult {
  readonly status: HealthStatus;
  readonly durationMs: number;
  /**
   * Why it is down, as a short code: `timeout`, `shutting_down`, the error's own code (`ECONNREFUSED`,
   * a SQLSTATE, `key_set_unavailable`…) or `unavailable`. Never a message: messages can quote URLs.
   */
  readonly error?: string;
}

/** What `webhooks.health()` returns. Safe to serve as is: no secret, URL or message in it. */
export interface HealthReport {
  readonly status: HealthStatus;
  /** `accepting`, then those that apply: `store`, `queue`, `inbox`, `keys`. */
  readonly checks: Readonly<Record<string, HealthCheckResult>>;
}

/**
 * Implemented by what an instance depends on (stores, queues, inboxes, providers' key sources):
 * resolves when the dependency answers, rejects otherwise. `signal` aborts when the check's time
 * is up; stop waiting then. Optional: a dependency without it is not checked.
 */
export interface HealthCheckable {
  health?(signal: AbortSignal): Promise<void>;
}

export interface HealthOptions {
  /** Time each check gets, ms (they run at once). Default 2000. */
  readonly timeout?: number;
  /** A check that succeeds but takes longer than this, ms, is `degraded`. Default half of `timeout`. */
  readonly degradedAfter?: number;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 2000;

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const RANK: Record<HealthStatus, number> = { ok: 0, degraded: 1, down: 2 };

/** Runs every check at once, each bounded by the timeout, and sums them up (worst status wins). */
export async function runHealthChecks(
  checks: Readonly<Record<string, (signal: AbortSignal) => Promise<void>>>,
  fixed: Readonly<Record<string, HealthCheckResult>>,
  options: HealthOptions = {},
): Promise<HealthReport> {
  assertPositiveInteger('health', 'timeout', options.timeout, 'milliseconds');
  assertPositiveInteger('health', 'degradedAfter', options.degradedAfter, 'milliseconds');
  const timeout = options.timeout ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const degradedAfter = options.degradedAfter ?? Math.ceil(timeout / 2);
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await timed(check, timeout, degradedAfter)] as const),
  );
  const all: Record<string, HealthCheckResult> = { ...fixed, ...Object.fromEntries(entries) };
  const status = Object.values(all).reduce<HealthStatus>((worst, c) => (RANK[c.status] > RANK[worst] ? c.status : worst), 'ok');
  return { status, checks: all };
}

async function timed(
  check: (signal: AbortSignal) => Promise<void>,
  timeout: number,
  degradedAfter: number,
): Promise<HealthCheckResult> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, timeout);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => check(controller.signal)), late]);
    const durationMs = Math.round(performance.now() - started);
    if (outcome === 'timeout') return { status: 'down', durationMs, error: 'timeout' };
    return { status: durationMs > degradedAfter ? 'degraded' : 'ok', durationMs };
  } catch (error) {
    return { status: 'down', durationMs: Math.round(performance.now() - started), error: errorCode(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A short code for a failed check: never the message (a connection error can quote a URL with its password). */
function errorCode(error: unknown): string {
  if (error instanceof WebhookError) return error.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  for (let cause: unknown = error, depth = 0; cause && depth < 3; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && SAFE_CODE.test(code)) return code;
  }
  return 'unavailable';
}
