import type { JobsOptions, KeepJobs } from 'bullmq';

/**
 * How long job keys, which hold the event's payload, live in Redis once a worker picked them up.
 *
 * BullMQ trims finished jobs by `age` only when another job finishes: after the last job of a quiet
 * period, its payload would stay forever. So every job key also gets a Redis TTL (PEXPIRE), set by
 * the worker *before* BullMQ moves the job on, so no crash can leave a finished job without one:
 * - when an attempt starts: the dead-letter retention (`removeOnFail.age`). A job that ends in the
 *   dead-letter list, by a handler failure or by stalling too often, already has it;
 * - when the handlers succeeded: the completed retention (`removeOnComplete.age`), shorter.
 * A replayed dead letter gets the dead-letter retention again. A job still waiting for its first
 * attempt has no TTL: it is an accepted event that no worker has run yet, and expiring it would
 * lose it.
 */
export const DEFAULT_COMPLETED_RETENTION_S = 60 * 60;
export const DEFAULT_DEAD_LETTER_RETENTION_S = 7 * 24 * 60 * 60;

type Removal = JobsOptions['removeOnComplete'];

/**
 * `removeOnComplete`/`removeOnFail` as given to `redisQueue`: `true` (removed at once) or with an
 * `age` in seconds. Keeping jobs forever (`false`, a bare count) would keep payloads forever.
 */
export function checkedRemoval(name: string, value: Removal | undefined, defaultAge: number): true | KeepJobs {
  if (value === undefined) return { age: defaultAge };
  if (value === true) return true;
  if (ageOf(value) !== undefined) return value as KeepJobs;
  throw new TypeError(
    `${name} must be true or { age: seconds } (with an optional count): jobs hold the event's payload, and finhooks does not keep them forever. Got ${JSON.stringify(value)}.`,
  );
}

/** The TTLs, ms, of a job's key from its stored options (jobs added elsewhere get the defaults). */
export function jobRetention(opts: JobsOptions | undefined): { readonly attempt: number; readonly completed?: number } {
  const failed = ageOf(opts?.removeOnFail) ?? DEFAULT_DEAD_LETTER_RETENTION_S;
  const completed =
    opts?.removeOnComplete === true ? undefined : (ageOf(opts?.removeOnComplete) ?? DEFAULT_COMPLETED_RETENTION_S);
  return { attempt: failed * 1000, ...(completed !== undefined && { completed: completed * 1000 }) };
}

function ageOf(value: Removal | undefined): number | undefined {
  if (typeof value !== 'object' || value === null || !('age' in value)) return undefined;
  return isPositive(value.age) ? value.age : undefined;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export const EXPIRE_COMMAND = 'finhooksExpireJob';

/** KEYS[1] a job's key; ARGV[1] ms. Only an existing key: a job removed meanwhile stays removed. */
export const EXPIRE_JOB = `return redis.call('PEXPIRE', KEYS[1], ARGV[1])`;
