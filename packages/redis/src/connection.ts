import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** An ioredis client: one server (`Redis`) or a Redis Cluster (`Cluster`). */
export type RedisClient = Redis | Cluster;

/**
 * Where Redis is: a connection URL (`redis://user:pass@host:6379/0`, `rediss://…`), ioredis options,
 * or an ioredis client you own, `Redis` or `Cluster` (finhooks then never closes it, and its
 * settings are yours).
 */
export type RedisConnection = string | RedisOptions | RedisClient;

/** Whether `value` is an ioredis client rather than a URL or options. */
export function isRedisClient(value: RedisConnection): value is RedisClient {
  return (
    value instanceof Redis ||
    value instanceof Cluster ||
    (typeof value === 'object' && typeof (value as Partial<Redis>).duplicate === 'function')
  );
}

/** Whether `value` is a Redis Cluster client. */
export function isCluster(value: RedisConnection): value is Cluster {
  return value instanceof Cluster || (typeof value === 'object' && (value as Partial<Cluster>).isCluster === true);
}

/** BullMQ's key prefix by default: `{bull}` on a cluster, so every key of a queue hashes to one slot. */
export function queuePrefix(connection: RedisConnection, prefix: string | undefined, queueName: string): string {
  const cluster = isCluster(connection);
  const chosen = prefix ?? (cluster ? '{bull}' : 'bull');
  // Redis hashes on the first `{…}` of a key: BullMQ's keys are `${prefix}:${queueName}:…`.
  if (cluster && !/^[^{]*\{[^}]+\}/.test(`${chosen}:${queueName}`)) {
    throw new TypeError(
      `On a Redis Cluster, BullMQ's scripts touch several keys of a queue at once, so they must hash to one slot: use a prefix with a hash tag, such as '{${chosen}}' (got '${chosen}').`,
    );
  }
  return chosen;
}

/**
 * Reconnects quickly (every 0.1 s, then at most every 2 s). ioredis' and BullMQ's defaults back off
 * to 20 s, which would keep an instance answering 503 long after Redis came back.
 */
export function fastReconnect(times: number): number {
  return Math.min(times * 100, 2000);
}

/** URL or options, with `defaults` under what the caller set. */
export function connectionOptions(
  connection: string | RedisOptions,
  defaults: RedisOptions,
): RedisOptions & { url?: string } {
  return typeof connection === 'string' ? { ...defaults, url: connection } : { ...defaults, ...connection };
}

/** A new ioredis client from a URL or options, `defaults` under what the caller set. */
export function createClient(connection: string | RedisOptions, defaults: RedisOptions): Redis {
  return typeof connection === 'string' ? new Redis(connection, defaults) : new Redis({ ...defaults, ...connection });
}

/** The URL without its credentials, for messages: `redis://***@host:6379/0`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}
