import type { EnqueueOptions, WebhookEvent, WebhookQueue } from '@finhooks/core';
import type { BackoffOptions, JobsOptions, Queue } from 'bullmq';
import type { RedisClient, RedisConnection } from './connection.js';
import { type EventJobData, jobIdFor, jobNameFor, serializeEvent } from './job.js';
import { openQueue } from './open-queue.js';
import { checkedRemoval, DEFAULT_COMPLETED_RETENTION_S, DEFAULT_DEAD_LETTER_RETENTION_S } from './retention.js';
import { abortable, withTimeout } from './timeout.js';

export interface RedisQueueOptions {
  /**
   * A Redis URL or ioredis options (recommended: finhooks then makes commands fail fast while Redis
   * is down), or an ioredis client you own (its offline queue then decides how long `enqueue` waits).
   */
  readonly connection: RedisConnection;
  /** BullMQ queue name; the workers use the same. Default `'finhooks'`. */
  readonly queueName?: string;
  /** BullMQ key prefix. Default `'bull'`, `'{bull}'` on a Redis Cluster (it needs a hash tag). */
  readonly prefix?: string;
  /** How many times a worker runs the handlers of an event before it is dead-lettered. Default 10. */
  readonly attempts?: number;
  /** Delay between attempts. Default exponential from 1 s (1, 2, 4 … 256 s: about 8.5 min over 10 attempts). */
  readonly backoff?: number | BackoffOptions;
  /** `enqueue` rejects (and the delivery is answered 503) when Redis has not stored the event within this many ms. Default 2000. */
  readonly enqueueTimeout?: number;
  /**
   * How long processed jobs (they carry the payload) are kept: `{ age: seconds, count? }`, or `true`
   * to remove them at once. Default `{ age: 3600 }`. Their Redis keys expire after `age` even when
   * no other job finishes (see the README's "Retention").
   */
  readonly removeOnComplete?: JobsOptions['removeOnComplete'];
  /** How long dead letters are kept: `{ age: seconds, count? }` or `true`. Default `{ age: 604800 }` (7 days). */
  readonly removeOnFail?: JobsOptions['removeOnFail'];
  /** Observes Redis connection errors (enqueue failures also reach the webhooks' `onError` as 503s). */
  readonly onError?: (error: Error) => void;
}

/** Queue mode's `WebhookQueue` over BullMQ, with the underlying `Queue` and `close()`. */
export interface RedisQueue extends WebhookQueue {
  readonly queue: Queue<EventJobData>;
  /** Resolves when the queue's Redis answers a PING; `webhooks.health()` calls it, within its timeout. */
  health(signal: AbortSignal): Promise<void>;
  /** Jobs not yet handled: waiting, paused, prioritized or delayed (a retry's backoff); for `observeQueueDepth`. */
  depth(): Promise<number>;
  /** Closes the queue's connection (a client you passed in is left open). */
  close(): Promise<void>;
}

const DEFAULT_ATTEMPTS = 10;
const DEFAULT_BACKOFF: BackoffOptions = { type: 'exponential', delay: 1000 };
const DEFAULT_ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Queue mode: `createWebhooks({ store: redisStore(…), queue: redisQueue(…) })` verifies, validates,
 * de-duplicates and enqueues each delivery, answering 200 once the event is stored in Redis;
 * `createWorker` runs the handlers. `enqueue` fails within `enqueueTimeout` when Redis is down, so
 * the delivery is answered 503 (and Moneyhub, which waits 5 s and never retries, is not left hanging).
 * The job id is derived from provider and event id: a second enqueue of the same event is a no-op.
 */
export function redisQueue(options: RedisQueueOptions): RedisQueue {
  const enqueueTimeout = options.enqueueTimeout ?? DEFAULT_ENQUEUE_TIMEOUT_MS;
  const { queue, close } = openQueue({
    connection: options.connection,
    ...(options.queueName !== undefined && { queueName: options.queueName }),
    ...(options.prefix !== undefined && { prefix: options.prefix }),
    // A command Redis does not answer (a hung server) fails too.
    clientDefaults: { commandTimeout: enqueueTimeout },
    defaultJobOptions: {
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      removeOnComplete: checkedRemoval('removeOnComplete', options.removeOnComplete, DEFAULT_COMPLETED_RETENTION_S),
      removeOnFail: checkedRemoval('removeOnFail', options.removeOnFail, DEFAULT_DEAD_LETTER_RETENTION_S),
    },
  });
  // Without a listener an 'error' event would crash the process; failures surface through enqueue.
  queue.on('error', options.onError ?? (() => undefined));

  return {
    queue,
    async enqueue(event: WebhookEvent, enqueueOptions?: EnqueueOptions) {
      const started = Date.now();
      // Separate from `add` so an add is never sent late, after the delivery was answered 503.
      await withTimeout(queue.waitUntilReady(), enqueueTimeout, `Redis was not reachable within ${enqueueTimeout} ms.`);
      const remaining = Math.max(1, enqueueTimeout - (Date.now() - started));
      await withTimeout(
        queue.add(jobNameFor(event), serializeEvent(event, enqueueOptions?.traceContext), { jobId: jobIdFor(event) }),
        remaining,
        `Redis did not store the event within ${enqueueTimeout} ms.`,
      );
    },
    // Readiness (`webhooks.health()`): the queue's connection is up and Redis answers a PING.
    async health(signal) {
      // BullMQ types its client loosely; it is an ioredis client.
      const client = (await abortable(queue.client, signal)) as unknown as RedisClient;
      await abortable(client.ping(), signal);
    },
    async depth() {
      const counts = await queue.getJobCounts('wait', 'paused', 'prioritized', 'delayed');
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    },
    close,
  };
}
