import { HandlerError, toWebhookError, type Webhooks } from '@finhooks/core';
import { reportFailure, traceCarrierFrom } from '@finhooks/core/adapter';
import { type Job, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import { connectionOptions, fastReconnect, isRedisClient, queuePrefix, type RedisConnection } from './connection.js';
import { DEFAULT_QUEUE_NAME, deserializeEvent, type EventJobData } from './job.js';
import { EXPIRE_COMMAND, EXPIRE_JOB, jobRetention } from './retention.js';

export interface CreateWorkerOptions {
  /**
   * A Redis URL or ioredis options, or an ioredis client created with `maxRetriesPerRequest: null`
   * (a `Cluster`: in its `redisOptions`).
   */
  readonly connection: RedisConnection;
  /** The queue `redisQueue` enqueues to. Default `'finhooks'`. */
  readonly queueName?: string;
  /** BullMQ key prefix, as given to `redisQueue`. Default `'bull'`, `'{bull}'` on a Redis Cluster. */
  readonly prefix?: string;
  /** Events processed at the same time by this worker. Default 10. */
  readonly concurrency?: number;
  /**
   * How long a job stays locked without its worker renewing the lock, ms (BullMQ default 30 s). A
   * killed worker's jobs are retried by another worker once their lock expired.
   */
  readonly lockDuration?: number;
  /** How often this worker looks for jobs whose worker died, ms (BullMQ default 30 s). */
  readonly stalledInterval?: number;
  /** Worker-level errors (Redis connection). Default: `console.error` of the message, once per distinct message. */
  readonly onError?: (error: Error) => void;
  /** Any other BullMQ `WorkerOptions` (e.g. `limiter`, `autorun`). */
  readonly workerOptions?: Omit<
    WorkerOptions,
    'connection' | 'prefix' | 'concurrency' | 'lockDuration' | 'stalledInterval'
  >;
}

export type WebhookWorker = Worker<EventJobData, void>;

/**
 * An instance of any provider. `any`, as core's own default: `Webhooks<AtelioProvider>` is not
 * assignable to `Webhooks<AnyProvider>` (handler types make the parameter invariant).
 */
type AnyWebhooks = Webhooks<any>;

const DEFAULT_CONCURRENCY = 10;

/**
 * A BullMQ worker that runs the handlers of every event `redisQueue` enqueued: give it the same
 * `createWebhooks` instance the web process uses, or several when they share the queue: each event
 * goes to the instance of its name (`createWebhooks({ name })`, default the provider's name; jobs
 * enqueued before instance names go by provider name). A handler failure is reported to that
 * instance's `onError` and the job is retried with the queue's backoff; after its last attempt it
 * stays in BullMQ's failed set, the dead-letter list (`listDeadLetters`, `replayDeadLetters`,
 * `finhooks dlq`). `await worker.close()` lets running jobs finish; see `closeOnSignals` for SIGTERM.
 */
export function createWorker(
  webhooks: AnyWebhooks | readonly AnyWebhooks[],
  options: CreateWorkerOptions,
): WebhookWorker {
  const byName = instancesByName(webhooks);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const prefix = queuePrefix(options.connection, options.prefix, queueName);
  let scriptDefined: Promise<unknown> | undefined;
  /** Sets the TTL of a job's key (it holds the payload); see retention.ts. */
  const expireJob = async (job: Job<EventJobData, void>, ms: number): Promise<void> => {
    const client = await worker.client;
    scriptDefined ??= Promise.resolve(client.defineCommand(EXPIRE_COMMAND, { numberOfKeys: 1, lua: EXPIRE_JOB }));
    await scriptDefined;
    await client.runCommand(EXPIRE_COMMAND, [`${job.queueQualifiedName}:${job.id}`, ms]);
  };
  // Jobs being processed and their lock tokens, for `releaseRunningJobs` at a shutdown deadline.
  const running = new Map<Job<EventJobData, void>, string | undefined>();
  const worker: WebhookWorker = new Worker<EventJobData, void>(
    queueName,
    async (job, token) => {
      running.set(job, token);
      try {
        await processJob(byName, job, expireJob);
      } finally {
        running.delete(job);
      }
    },
    {
      ...options.workerOptions,
      connection: isRedisClient(options.connection)
        ? options.connection
        : connectionOptions(options.connection, { retryStrategy: fastReconnect }),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      prefix,
      ...(options.lockDuration !== undefined && { lockDuration: options.lockDuration }),
      ...(options.stalledInterval !== undefined && { stalledInterval: options.stalledInterval }),
    },
  );
  // Without a listener an 'error' event would crash the process.
  worker.on('error', options.onError ?? logOnce());
  releasers.set(worker, async () => {
    const jobs = [...running];
    running.clear();
    // Back to the wait list under their lock: another worker takes them at once, this attempt not
    // counted. The handler still running here can no longer complete them (its lock is gone).
    const moved = await Promise.all(jobs.map(([job, token]) => job.moveToWait(token).then(() => 1, () => 0)));
    return moved.reduce<number>((sum, n) => sum + n, 0);
  });
  return worker;
}

const releasers = new WeakMap<WebhookWorker, () => Promise<number>>();

/**
 * Gives up on the jobs this worker is processing (a shutdown deadline passed): each goes back to
 * the wait list for another worker, never marked completed. Returns how many were released.
 */
export function releaseRunningJobs(worker: WebhookWorker): Promise<number> {
  return releasers.get(worker)?.() ?? Promise.resolve(0);
}

function instancesByName(webhooks: AnyWebhooks | readonly AnyWebhooks[]): ReadonlyMap<string, AnyWebhooks> {
  const list: readonly AnyWebhooks[] = Array.isArray(webhooks) ? webhooks : [webhooks as AnyWebhooks];
  const byName = new Map<string, AnyWebhooks>();
  for (const instance of list) {
    const name = instance.name;
    if (byName.has(name))
      throw new TypeError(
        `createWorker got two webhooks instances named "${name}"; give each its own \`name\` in createWebhooks.`,
      );
    byName.set(name, instance);
  }
  if (byName.size === 0)
    throw new TypeError('createWorker needs a webhooks instance (createWebhooks) to run the handlers.');
  return byName;
}

async function processJob(
  byName: ReadonlyMap<string, AnyWebhooks>,
  job: Job<EventJobData, void>,
  expireJob: (job: Job<EventJobData, void>, ms: number) => Promise<void>,
): Promise<void> {
  const retention = jobRetention(job.opts);
  // Before anything can fail: a job that ends in the dead-letter list (a failure, an unknown
  // provider, too many stalls) keeps the TTL set here.
  await expireJob(job, retention.attempt);
  await runHandlers(byName, job);
  // Before BullMQ marks it completed: a crash in between leaves the longer TTL, never none.
  if (retention.completed !== undefined) await expireJob(job, retention.completed);
}

async function runHandlers(byName: ReadonlyMap<string, AnyWebhooks>, job: Job<EventJobData, void>): Promise<void> {
  const event = deserializeEvent(job.data);
  const name = event.instance ?? event.provider;
  const webhooks = byName.get(name);
  if (!webhooks) {
    // No retry can help: dead-letter it at once, to be replayed by a worker that has the instance.
    throw new UnrecoverableError(`This worker has no webhooks instance named "${name}"; pass it to createWorker.`);
  }
  try {
    await webhooks.receive(event, { traceContext: traceCarrierFrom(job.data.traceContext) });
  } catch (thrown) {
    const error = toWebhookError(thrown);
    reportFailure(webhooks, error, {
      provider: event.provider,
      instance: webhooks.name,
      status: error.status,
      code: error.code,
      eventId: event.id,
      eventType: event.type,
    });
    const failed = thrown instanceof HandlerError ? thrown.errors.length : 1;
    // BullMQ stores this message as `failedReason` (and its stack): never the handler's own error,
    // which may quote the payload. That error went to onError above.
    throw new Error(
      `${failed} handler${failed === 1 ? '' : 's'} failed for "${event.type}" (attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}); the error was passed to onError.`,
    );
  }
}

/** Logs an error message unless it repeats the previous one (a Redis outage emits one per reconnection). */
function logOnce(): (error: Error) => void {
  let last: string | undefined;
  return (error) => {
    if (error.message === last) return;
    last = error.message;
    console.error(`[finhooks] queue worker: ${error.message}`);
  };
}
