import { Job, type Queue } from 'bullmq';
import type { RedisConnection } from './connection.js';
import type { EventJobData } from './job.js';
import { openQueue } from './open-queue.js';
import { EXPIRE_COMMAND, EXPIRE_JOB, jobRetention } from './retention.js';
import { withTimeout } from './timeout.js';

/**
 * The dead-letter list is BullMQ's failed set of the queue: the jobs whose every attempt failed
 * (a job waiting for its next attempt is not in it). These functions never return the payload.
 */
export interface DeadLetterOptions {
  /** A Redis URL, ioredis options or an ioredis client (left open). */
  readonly connection: RedisConnection;
  /** Default `'finhooks'`. */
  readonly queueName?: string;
  /** BullMQ key prefix. Default `'bull'`, `'{bull}'` on a Redis Cluster. */
  readonly prefix?: string;
  /** Fail when Redis is not reachable within this many ms. Default 5000. */
  readonly connectTimeout?: number;
}

/** A dead-lettered event, without its payload. */
export interface DeadLetter {
  readonly jobId: string;
  readonly provider: string;
  readonly eventId: string;
  readonly type: string;
  /** Attempts made before it was dead-lettered. */
  readonly attempts: number;
  /** The last attempt's error message, as the worker wrote it (it never quotes the payload). */
  readonly failedReason: string;
  readonly failedAt: Date | undefined;
}

export interface ReplayResult {
  /** Job ids moved back to the queue, with a fresh set of attempts. */
  readonly replayed: string[];
  /** Job ids asked for that were not replayed, and why. */
  readonly skipped: Array<{ readonly jobId: string; readonly reason: string }>;
}

/** The oldest dead letters first, at most `limit` (default 100) from `offset` (default 0). */
export async function listDeadLetters(
  options: DeadLetterOptions & { readonly limit?: number; readonly offset?: number },
): Promise<DeadLetter[]> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit <= 0)
    throw new TypeError(`limit must be a positive integer, got ${String(options.limit)}.`);
  const offset = options.offset ?? 0;
  return withQueue(options, async (queue) => {
    const jobs = await queue.getJobs(['failed'], offset, offset + limit - 1, true);
    return jobs.map((job) => deadLetter(job as Job<Partial<EventJobData>>));
  });
}

/** How many events are in the dead-letter list. */
export async function countDeadLetters(options: DeadLetterOptions): Promise<number> {
  return withQueue(options, (queue) => queue.getFailedCount());
}

/**
 * Moves dead letters back to the queue, each with a fresh set of attempts: those in `jobIds`, or
 * every one when `jobIds` is omitted. Run it once the handler is fixed and deployed.
 */
export async function replayDeadLetters(
  options: DeadLetterOptions & { readonly jobIds?: readonly string[] },
): Promise<ReplayResult> {
  return withQueue(options, async (queue) => {
    // A snapshot: a replayed job that fails again must not be replayed twice in this call.
    const jobIds = options.jobIds ?? (await queue.getRanges(['failed'], 0, -1, true));
    const replayed: string[] = [];
    const skipped: Array<{ jobId: string; reason: string }> = [];
    for (const jobId of new Set(jobIds)) {
      const job = await Job.fromId(queue, jobId);
      const state = job ? await job.getState() : undefined;
      if (!job || state === 'unknown') {
        skipped.push({ jobId, reason: 'no such job' });
        continue;
      }
      if (state !== 'failed') {
        skipped.push({ jobId, reason: `not in the dead-letter list (it is ${state})` });
        continue;
      }
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        // A fresh dead-letter retention: the old TTL may be nearly spent, and a backlog must not
        // expire the replayed job before a worker starts it (which sets it again).
        await expireJob(queue, jobId, jobRetention(job.opts).attempt);
        replayed.push(jobId);
      } catch (error) {
        // Moved by someone else meanwhile (e.g. a concurrent replay).
        skipped.push({ jobId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { replayed, skipped };
  });
}

export interface PurgeResult {
  /** Job ids removed from Redis, with their payload. */
  readonly purged: string[];
  /** Job ids asked for that were not removed, and why. */
  readonly skipped: Array<{ readonly jobId: string; readonly reason: string }>;
}

/**
 * Deletes dead letters for good, payload included: those in `jobIds`, or every one when `jobIds`
 * is omitted. For events you will not replay (they also expire on their own after `removeOnFail.age`).
 */
export async function purgeDeadLetters(
  options: DeadLetterOptions & { readonly jobIds?: readonly string[] },
): Promise<PurgeResult> {
  return withQueue(options, async (queue) => {
    const jobIds = options.jobIds ?? (await queue.getRanges(['failed'], 0, -1, true));
    const purged: string[] = [];
    const skipped: Array<{ jobId: string; reason: string }> = [];
    for (const jobId of new Set(jobIds)) {
      const job = await Job.fromId(queue, jobId);
      const state = job ? await job.getState() : undefined;
      if (!job || state === 'unknown') {
        skipped.push({ jobId, reason: 'no such job' });
        continue;
      }
      if (state !== 'failed') {
        skipped.push({ jobId, reason: `not in the dead-letter list (it is ${state})` });
        continue;
      }
      try {
        await job.remove();
        purged.push(jobId);
      } catch (error) {
        // Taken meanwhile (e.g. replayed and now locked by a worker).
        skipped.push({ jobId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { purged, skipped };
  });
}

async function expireJob(queue: Queue<EventJobData>, jobId: string, ms: number): Promise<void> {
  const client = await queue.client;
  client.defineCommand(EXPIRE_COMMAND, { numberOfKeys: 1, lua: EXPIRE_JOB });
  await client.runCommand(EXPIRE_COMMAND, [queue.toKey(jobId), ms]);
}

function deadLetter(job: Job<Partial<EventJobData>>): DeadLetter {
  const data = job.data ?? {};
  return {
    jobId: job.id ?? '',
    provider: typeof data.provider === 'string' ? data.provider : '',
    eventId: typeof data.id === 'string' ? data.id : '',
    type: typeof data.type === 'string' ? data.type : job.name,
    attempts: job.attemptsMade,
    failedReason: job.failedReason ?? '',
    failedAt: job.finishedOn === undefined ? undefined : new Date(job.finishedOn),
  };
}

/** Opens the queue (failing at its first connection error, or after `connectTimeout`), runs `use`, closes it. */
async function withQueue<T>(options: DeadLetterOptions, use: (queue: Queue<EventJobData>) => Promise<T>): Promise<T> {
  const timeout = options.connectTimeout ?? 5000;
  const { queue, close } = openQueue({
    connection: options.connection,
    ...(options.queueName !== undefined && { queueName: options.queueName }),
    ...(options.prefix !== undefined && { prefix: options.prefix }),
  });
  // An administrative call has nobody to retry for: the first connection error ends it.
  const failed = new Promise<never>((_, reject) => {
    queue.on('error', (error) => reject(new Error(`Could not connect to Redis: ${error.message}`)));
  });
  failed.catch(() => undefined);
  try {
    await withTimeout(
      Promise.race([queue.waitUntilReady(), failed]),
      timeout,
      `Could not connect to Redis within ${timeout} ms.`,
    );
    return await use(queue);
  } finally {
    await close();
  }
}
