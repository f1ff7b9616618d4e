import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { MIGRATIONS } from './migrations.js';
import { quoteSchema } from './schema.js';

/** Default bound on one request-path database call (waiting for a pool connection + the statement), ms. */
export const DEFAULT_TIMEOUT_MS = 5000;

const guarded = new WeakSet<Pool>();

/**
 * node-postgres's pool re-emits the error of an *idle* connection (server restart,
 * `pg_terminate_backend`) as the pool's `'error'` event; with no listener that ends the process.
 * The pool already discards the connection and the next query opens a new one, so when the pool has
 * no listener of its own we add one that ignores it: an outage becomes 503s, not a crash.
 */
export function guardPool(pool: Pool): void {
  if (guarded.has(pool)) return;
  guarded.add(pool);
  if (pool.listenerCount('error') === 0) pool.on('error', () => undefined);
}

/**
 * A pool client within `timeout` ms (`undefined`: no bound), or an error saying the pool is
 * exhausted. node-postgres waits for a free connection forever unless the pool has
 * `connectionTimeoutMillis`: a request path must not. A client that arrives after the deadline goes
 * straight back to the pool. `onError` is attached to the client before anything else runs: a
 * connection that becomes ready and is terminated in the same read (`pg_terminate_backend` on a
 * fresh connection) emits its 'error' before any promise continuation could attach a listener, and
 * an 'error' event without a listener ends the process. The caller removes it before `release()`.
 */
export function acquire(pool: Pool, timeout: number | undefined, onError: (error: Error) => void): Promise<PoolClient> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => {
            late = true;
            reject(
              new Error(
                `finhooks: no PostgreSQL connection was free within ${timeout} ms (all ${pool.totalCount} of the pool's connections in use, ${pool.waitingCount} callers waiting).`,
              ),
            );
          }, timeout);
    pool.connect((error, client, release) => {
      clearTimeout(timer);
      if (error || !client) {
        if (!late) reject(unreachable(error));
        return;
      }
      if (late) return release();
      client.on('error', onError);
      resolve(client);
    });
  });
}

/**
 * One statement, bounded: the wait for a connection and the statement together take at most
 * `timeout` ms (then it rejects; a statement already sent may still commit — callers answer 503,
 * never 2xx, so a redelivery finds it as a duplicate). A client that failed is discarded.
 */
export async function boundedQuery<R extends QueryResultRow = QueryResultRow>(
  pool: Pool,
  timeout: number,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  const deadline = Date.now() + timeout;
  let failed: Error | undefined;
  // A connection lost between statements is an 'error' event on the client, not a rejection.
  const onError = (error: Error) => (failed ??= error);
  const client = await acquire(pool, timeout, onError);
  try {
    // node-postgres honours `query_timeout` per query; @types/pg lists it only on the client config.
    const query = { text, values, query_timeout: Math.max(1, deadline - Date.now()) } as QueryConfig;
    return await client.query<R>(query);
  } catch (error) {
    failed ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(failed);
  }
}

/** Connection failures say what failed, without the connection string (it may hold a password). */
function unreachable(error: unknown): Error {
  return new Error(
    `finhooks: cannot connect to PostgreSQL (${error instanceof Error ? error.message : String(error)}). Check the pool's connection settings.`,
    { cause: error },
  );
}

/** SQLSTATEs of a missing table or schema: the schema was not migrated. */
export function isMissingRelation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '42P01' || code === '3F000';
}

/** The clear message for a schema that was never migrated (or migrated by an older release). */
export function notMigratedMessage(schema: string, version?: number): string {
  const latest = MIGRATIONS.at(-1)!.version;
  const state = version === undefined ? 'is not migrated' : `is at version ${version}`;
  return `finhooks: schema ${schema} ${state}, this release of @finhooks/postgres needs version ${latest}. Run migrate(pool, { schema: '${schema}' }) (or \`finhooks db migrate --schema ${schema}\`) before starting.`;
}

/** `ready()` of the inbox and the store: their start-up check, documented once. */
export interface StartupCheck {
  /**
   * Resolves once the database answers and the schema is migrated to this release's version;
   * rejects with a message saying which is wrong otherwise. Await it at start-up, before listening,
   * so a bad configuration fails the deploy instead of answering 503 to every delivery.
   */
  ready(): Promise<void>;
}

/**
 * Start-up check shared by `inbox.ready()`, `store.ready()` and the worker: the database answers
 * within `timeout` and `schema` is migrated to this release's latest version. Throws a message that
 * says which of the two failed and what to do.
 */
export async function assertReady(pool: Pool, schema: string, timeout: number): Promise<void> {
  const quoted = quoteSchema(schema);
  let version = 0;
  try {
    const { rows } = await boundedQuery<{ version: number | null }>(
      pool,
      timeout,
      `SELECT max(version) AS version FROM ${quoted}.finhooks_migrations`,
      [],
    );
    version = rows[0]?.version ?? 0;
  } catch (error) {
    if (!isMissingRelation(error)) throw error;
  }
  if (version < MIGRATIONS.at(-1)!.version) throw new Error(notMigratedMessage(schema, version));
}

/**
 * Readiness (`webhooks.health()`): `assertReady` (the database answers and the schema is migrated),
 * given up when `signal` aborts. A schema not migrated fails with code `not_migrated`; a connection
 * failure keeps its own (`ECONNREFUSED`…) in `cause`.
 */
export function healthCheck(pool: Pool, schema: string, timeout: number, signal: AbortSignal): Promise<void> {
  const check = assertReady(pool, schema, timeout).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes(' migrate(pool')) throw Object.assign(error, { code: 'not_migrated' });
    throw error;
  });
  check.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    check.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
