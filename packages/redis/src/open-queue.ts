import type { EventEmitter } from 'node:events';
import { type DefaultJobOptions, Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import {
  createClient,
  fastReconnect,
  isRedisClient,
  queuePrefix,
  type RedisClient,
  type RedisConnection,
} from './connection.js';
import { DEFAULT_QUEUE_NAME, type EventJobData } from './job.js';

export interface OpenQueueOptions {
  readonly connection: RedisConnection;
  readonly queueName?: string;
  readonly prefix?: string;
  readonly defaultJobOptions?: DefaultJobOptions;
  /** ioredis settings for a client opened here, under the caller's own options. */
  readonly clientDefaults?: RedisOptions;
}

export interface OpenedQueue {
  readonly queue: Queue<EventJobData>;
  /** Closes the queue, and the client if it was opened here. */
  close(): Promise<void>;
}

/**
 * A BullMQ `Queue` over a client finhooks opens with fail-fast settings (or yours, left open; a
 * Redis Cluster client needs a hash-tagged prefix, `{bull}` by default).
 */
export function openQueue(options: OpenQueueOptions): OpenedQueue {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const prefix = queuePrefix(options.connection, options.prefix, queueName);
  const owned = !isRedisClient(options.connection);
  const client: RedisClient = isRedisClient(options.connection)
    ? options.connection
    : // Fail fast while Redis is down: with no offline queue a command fails at once.
      createClient(options.connection, {
        enableOfflineQueue: false,
        retryStrategy: fastReconnect,
        ...options.clientDefaults,
      });
  // Failures surface through the queue's calls; without a listener ioredis logs every reconnection.
  if (owned) client.on('error', () => undefined);
  const queue = new Queue<EventJobData>(queueName, {
    connection: client,
    prefix,
    ...(options.defaultJobOptions && { defaultJobOptions: options.defaultJobOptions }),
  });
  return {
    queue,
    async close() {
      const connected = client.status === 'ready';
      await queue.close().catch(() => undefined);
      if (!connected) absorbLateErrors(queue);
      if (owned && client.status !== 'end') await client.quit().catch(() => client.disconnect());
    },
  };
}

/**
 * A BullMQ queue closed before it ever connected still waits for its first connection; when the
 * client ends, that wait fails as an 'error' on BullMQ's internal connection, whose listeners
 * `close` removed: an uncaught exception without this listener.
 */
function absorbLateErrors(queue: Queue): void {
  const internal = (queue as unknown as { connection?: EventEmitter }).connection;
  internal?.on('error', () => undefined);
}
