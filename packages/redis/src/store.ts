import { randomUUID } from 'node:crypto';
import {
  type ClaimResult,
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_MS,
  type IdempotencyStore,
  type MarkResult,
} from '@finhooks/core';
import type { RedisOptions } from 'ioredis';
import { createClient, fastReconnect, isRedisClient, type RedisClient, type RedisConnection } from './connection.js';
import { CLAIM, COMPLETE, EXTEND, MARK_LATEST, RELEASE } from './store-scripts.js';
import { abortable } from './timeout.js';

export interface RedisStoreOptions {
  /** A URL or ioredis options: the store opens (and `close()` closes) its own client. */
  readonly connection?: RedisConnection;
  /** An ioredis client you own (`Redis`, or `Cluster` for a Redis Cluster): used as is and never closed by the store. */
  readonly client?: RedisClient;
  /** Prefix of every key. Default `'finhooks:idempotency:'`. */
  readonly prefix?: string;
  /** How long a processed delivery is remembered, ms. Default 72 h (Atelio retries for 3 days). */
  readonly ttl?: number;
  /**
   * How long a claim holds without `complete`/`release` (a crashed instance's claim frees itself),
   * ms. The pipeline extends it every third of this while the handlers run. Default 60 s.
   */
  readonly leaseTtl?: number;
  /**
   * Own client only: a command that got no answer within this many ms fails, so the delivery is
   * answered 503 well inside Moneyhub's 5 s. Default 2000.
   */
  readonly commandTimeout?: number;
}

/** The Redis store: an `IdempotencyStore` shared by every instance, plus its client and `close()`. */
export interface RedisStore extends IdempotencyStore {
  readonly client: RedisClient;
  /** The stale-event guard's marks, at `${prefix}#mark:${entityKey}` for the retention TTL (one Lua script). */
  markLatest(entityKey: string, occurredAtMs: number): Promise<MarkResult>;
  /** Resolves when Redis answers a PING; `webhooks.health()` calls it, within its timeout. */
  health(signal: AbortSignal): Promise<void>;
  /** Closes the client if the store opened it; a client you passed in is left open. */
  close(): Promise<void>;
}

interface StoreCommands {
  finhooksClaim(key: string, value: string, leaseMs: number): Promise<ClaimResult['status']>;
  finhooksComplete(key: string, value: string, ttlMs: number): Promise<number>;
  finhooksRelease(key: string, value: string): Promise<number>;
  finhooksExtend(key: string, value: string, leaseMs: number): Promise<number>;
  finhooksMarkLatest(key: string, occurredAtMs: string, ttlMs: number): Promise<MarkResult>;
}

export const DEFAULT_STORE_PREFIX = 'finhooks:idempotency:';
/**
 * Stale-event marks live at `${prefix}#mark:${entityKey}`. The pipeline's claim keys start with an
 * instance name, a letter or a digit, so no claim key is ever a mark key.
 */
export const MARK_KEY_PREFIX = '#mark:';
const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

/**
 * The idempotency store over Redis (or a Redis Cluster: each script touches one key), for many
 * instances behind a load balancer: of all instances claiming a delivery at the same moment exactly
 * one gets `'claimed'` (an atomic Lua script). A claim is a lease owned by its token: if its
 * instance crashes, the key frees itself after `leaseTtl`; `complete`, `release` and `extend` compare
 * the token in the script, so an instance whose lease expired never clobbers the claim another
 * instance took since (it gets `'lost'`). `markLatest` (the stale-event guard) is one script too:
 * the compare and the raise of an entity's mark cannot interleave with another instance's.
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  const ttl = positiveInteger('ttl', options.ttl ?? DEFAULT_RETENTION_MS);
  const leaseTtl = positiveInteger('leaseTtl', options.leaseTtl ?? DEFAULT_LEASE_MS);
  const prefix = options.prefix ?? DEFAULT_STORE_PREFIX;
  const { client, owned } = resolveClient(options);
  const commands = defineCommands(client);
  // The stored value carries the token; a prefix keeps any token apart from `done`.
  const held = (token: string) => `claim:${token}`;

  return {
    client,
    leaseTtl,
    async claim(key): Promise<ClaimResult> {
      const token = randomUUID();
      const status = await commands.finhooksClaim(prefix + key, held(token), leaseTtl);
      return status === 'claimed' ? { status, token } : { status };
    },
    async complete(key, token) {
      return (await commands.finhooksComplete(prefix + key, held(token), ttl)) === 1 ? 'completed' : 'lost';
    },
    async release(key, token) {
      return (await commands.finhooksRelease(prefix + key, held(token))) === 1 ? 'released' : 'lost';
    },
    async extend(key, token) {
      return (await commands.finhooksExtend(prefix + key, held(token), leaseTtl)) === 1 ? 'extended' : 'lost';
    },
    async markLatest(entityKey, occurredAtMs) {
      if (!Number.isSafeInteger(occurredAtMs))
        throw new TypeError('markLatest: the occurrence time must be an integer number of ms.');
      return commands.finhooksMarkLatest(prefix + MARK_KEY_PREFIX + entityKey, String(occurredAtMs), ttl);
    },
    // Readiness (`webhooks.health()`): the server answers a PING.
    async health(signal) {
      await abortable(client.ping(), signal);
    },
    async close() {
      if (!owned) return;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function resolveClient(options: RedisStoreOptions): { client: RedisClient; owned: boolean } {
  if (options.client) return { client: options.client, owned: false };
  const { connection } = options;
  if (connection === undefined) {
    throw new TypeError(
      'redisStore needs `connection` (a Redis URL or ioredis options) or `client` (an ioredis client).',
    );
  }
  if (isRedisClient(connection)) return { client: connection, owned: false };
  const defaults: RedisOptions = {
    // Fail a command after one failed reconnection or `commandTimeout`, never queue it forever:
    // the pipeline answers 503 and a retrying provider comes back.
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeout ?? DEFAULT_COMMAND_TIMEOUT_MS,
    retryStrategy: fastReconnect,
  };
  const client = createClient(connection, defaults);
  // Failures surface as rejected commands (503 + onError); without a listener ioredis logs each one.
  client.on('error', () => undefined);
  return { client, owned: true };
}

function defineCommands(client: RedisClient): StoreCommands {
  // defineCommand sends EVALSHA and falls back to EVAL when Redis does not know the script yet.
  client.defineCommand('finhooksClaim', { numberOfKeys: 1, lua: CLAIM });
  client.defineCommand('finhooksComplete', { numberOfKeys: 1, lua: COMPLETE });
  client.defineCommand('finhooksRelease', { numberOfKeys: 1, lua: RELEASE });
  client.defineCommand('finhooksExtend', { numberOfKeys: 1, lua: EXTEND });
  client.defineCommand('finhooksMarkLatest', { numberOfKeys: 1, lua: MARK_LATEST });
  return client as unknown as StoreCommands;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new TypeError(`${name} must be a positive integer number of ms, got ${String(value)}.`);
  return value;
}
