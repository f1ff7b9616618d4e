import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redactUrl } from '../../src/connection.js';

/** The shared Redis every test uses unless it starts its own. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Connects to REDIS_URL or fails with a message that says what to do: these tests must fail, not
 * skip, when Redis is missing.
 */
export async function connectRedis(url = REDIS_URL): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis is not reachable at ${redactUrl(url)} (${(cause ?? (error as Error)).message}). These tests need a real Redis: start redis-server or set REDIS_URL.`,
    );
  }
  return client;
}

/** A name unique to this run, usable as a BullMQ queue name (no `:`) and as a key prefix. */
export function uniqueName(label: string): string {
  return `finhooks-test-${label}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key starting with `prefix`. */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  const stream = client.scanStream({ match: `${prefix}*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) await client.unlink(...keys);
  }
}

/** Deletes a BullMQ queue's keys (default prefix `bull`). */
export function deleteQueue(client: Redis, queueName: string, prefix = 'bull'): Promise<void> {
  return deleteKeys(client, `${prefix}:${queueName}:`);
}

/** Polls `check` until it returns a truthy value; fails with `message` after `timeout` ms. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  message: string,
  timeout = 10_000,
  interval = 25,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${message}.`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
