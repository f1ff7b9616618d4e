import type { Webhooks } from '@finhooks/core';
import { traceCarrierFrom } from '@finhooks/core/adapter';
import type { Pool, PoolClient } from 'pg';
import { acquire, assertReady, boundedQuery, DEFAULT_TIMEOUT_MS, guardPool } from './connection.js';
import { eventFromRow } from './inbox.js';
import { purgeAudit } from './maintenance.js';
import { DEFAULT_SCHEMA, positiveInteger, quoteSchema } from './schema.js';
import { withInboxTransaction } from './transaction.js';

/** What `onError` learns about a failed attempt: no payload, no personal data. */
export interface InboxErrorContext {
  readonly key?: string;
  readonly eventType?: string;
  readonly attempt?: number;
  /** `'retry'`: it runs again after the backoff; `'dead'`: it reached `maxAttempts`; `'worker'`: the batch itself, or the audit raw-body purge, failed (database). */
  readonly outcome: 'retry' | 'dead' | 'worker';
}

export interface InboxWorkerOptions {
  /** The instance whose handlers run (the one created with `inbox: postgresInbox(pool)`). */
  readonly webhooks: Webhooks;
  readonly pool: Pool;
  /** Default `finhooks`. */
  readonly schema?: string;
  /** Transactions run at once, each on its own pool client. Default 1. */
  readonly concurrency?: number;
  /** Events claimed (locked) per transaction. Default 10. */
  readonly batchSize?: number;
  /** Attempts before an event is marked `dead`. Default 5. */
  readonly maxAttempts?: number;
  /** Delay before attempt `attempt + 1`, ms. Default 1 s × 2^(attempt − 1), at most 1 h. */
  readonly backoff?: (attempt: number) => number;
  /**
   * How long a claimed event stays hidden from other workers if this worker dies before it locked
   * the event in its transaction, or while it lies dead: the attempt is counted when the event is
   * claimed (committed at once), so an event that kills its worker every time still ends `dead`
   * after `maxAttempts`; it is retried after this lease. Default 30 000 ms.
   */
  readonly lease?: number;
  /** Wait between polls when no event is due, ms. Default 1000. */
  readonly pollInterval?: number;
  /**
   * On these signals (e.g. `['SIGTERM']`): `close()`, then the signal is raised again so the process
   * ends as it would have. Default none.
   */
  readonly closeOnSignals?: readonly NodeJS.Signals[];
  /**
   * Every this many ms the worker clears the audit trail's expired raw bodies (`purgeAudit`; the
   * `postgresAudit` rows stay). `false`: never (purge them yourself). Default 600 000 (10 min).
   */
  readonly auditPurgeInterval?: number | false;
  /** Failed attempts (the handler threw) and failed batches (database errors). Default: `console.error` of the message. */
  readonly onError?: (error: unknown, context: InboxErrorContext) => unknown;
}

export interface InboxWorker {
  /**
   * Resolves once the worker checked that the database answers and the schema is migrated to this
   * release's version, and started polling; rejects with a message saying what is wrong otherwise
   * (the worker then never polls). Await it at start-up: a worker process with a bad configuration
   * should fail its deploy, not idle. Not awaited, its rejection is unhandled and ends the process.
   */
  readonly ready: Promise<void>;
  /**
   * Stops claiming; the events being handled finish and commit, the rest of their batch is released.
   * Past `timeout` (ms, default 25 000) the transactions still running are given up on: their
   * connection is closed, so PostgreSQL rolls them back (handlers' writes and `done` marks
   * together: nothing unfinished is marked done), and their events are released, due again at once
   * for the next worker, this attempt not counted. Calling it again returns the same promise.
   */
  close(options?: { readonly timeout?: number }): Promise<void>;
}

interface Row {
  key: string;
  event_type: string;
  event: Record<string, unknown>;
  attempts: number;
  trace_context: unknown;
}

/**
 * Takes up to $1 due events of instance $3, counts their attempt and hides them for $2 ms (see
 * `lease`). Served by the `inbox_events_claim` index (migration 3): it reads only the rows it
 * returns, however many done, dead or other instances' events the table holds.
 */
export function claimStatement(table: string): string {
  return `
    UPDATE ${table} SET attempts = attempts + 1, available_at = clock_timestamp() + $2::integer * interval '1 millisecond'
     WHERE key IN (SELECT key FROM ${table}
                    WHERE status = 'pending' AND split_part(key, ':', 1) = $3 AND available_at <= clock_timestamp()
                    ORDER BY available_at
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED)
    RETURNING key`;
}

/** Default of `close({ timeout })`: inside the usual 30 s between SIGTERM and SIGKILL. */
const DEFAULT_CLOSE_TIMEOUT_MS = 25_000;

/** Whether `promise` settled within `ms`; the timer never keeps the process alive. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms).unref()));
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

const defaultBackoff = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 60 * 60 * 1000);

/**
 * Runs the inbox's events through `webhooks`' handlers. Each of `concurrency` loops takes up to
 * `batchSize` due events with `FOR UPDATE SKIP LOCKED` (so workers in any number of processes never
 * take the same event) in a transaction, and runs each event's handlers in that transaction, inside
 * a savepoint: `inboxTransaction()` gives handlers its client. A handler that succeeds and the
 * `done` mark commit together — the effect happens exactly once, a crash rolls both back and the
 * event is taken again. A handler that throws rolls back to the savepoint: its writes vanish, the
 * event is retried after `backoff`, and marked `dead` after `maxAttempts`.
 */
export function createInboxWorker(options: InboxWorkerOptions): InboxWorker {
  const { webhooks, pool } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.inbox_events`;
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 1);
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 10);
  const maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 5);
  // Only this instance's events: several instances (providers) can share one inbox table. The
  // instance is the key up to its first `:` (instance names have none); migration 3 indexes it.
  const instance = webhooks.name;
  const lease = positiveInteger('lease', options.lease ?? 30_000);
  const pollInterval = positiveInteger('pollInterval', options.pollInterval ?? 1000);
  const backoff = options.backoff ?? defaultBackoff;
  const auditPurgeInterval =
    options.auditPurgeInterval === false
      ? false
      : positiveInteger('auditPurgeInterval', options.auditPurgeInterval ?? 600_000);
  const onError =
    options.onError ??
    ((error: unknown) =>
      console.error(`[finhooks] inbox worker: ${error instanceof Error ? error.message : String(error)}`));
  const report = (error: unknown, context: InboxErrorContext) => {
    try {
      void Promise.resolve(onError(error, context)).catch(() => undefined);
    } catch {
      // An observer that throws must not stop the worker.
    }
  };

  // Two steps: the claim counts the attempt and hides the events for `lease` ms, committed at once
  // (so a worker that dies still used an attempt); the batch's transaction then locks them.
  const claimSql = claimStatement(table);
  const lockSql = `
    SELECT key, event_type, event, attempts, trace_context FROM ${table}
     WHERE key = ANY($1::text[]) AND status = 'pending'
     ORDER BY available_at
     FOR UPDATE`;
  const doneSql = `UPDATE ${table} SET status = 'done', processed_at = clock_timestamp(), last_error = NULL WHERE key = $1`;
  const retrySql = `UPDATE ${table} SET last_error = $2, available_at = clock_timestamp() + $3::integer * interval '1 millisecond' WHERE key = $1`;
  const deadSql = `UPDATE ${table} SET status = 'dead', last_error = $2, processed_at = clock_timestamp() WHERE key = $1`;
  /** Events claimed but not started (closing): due again at once, their attempt not counted. */
  const unclaimSql = `UPDATE ${table} SET attempts = attempts - 1, available_at = clock_timestamp() WHERE key = ANY($1::text[])`;
  /** After a given-up transaction rolled back: its events, pending again, due at once. */
  const releaseSql = `UPDATE ${table} SET attempts = greatest(attempts - 1, 0), available_at = clock_timestamp() WHERE key = ANY($1::text[]) AND status = 'pending'`;
  /** Transactions running handlers, for `close()` to give up on at its deadline. */
  const running = new Set<{ client: PoolClient; keys: string[]; abandoned: boolean }>();

  let stopping = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wakers.delete(finish);
        resolve();
      }
      wakers.add(finish);
    });

  async function handle(client: PoolClient, row: Row): Promise<void> {
    const attempt = row.attempts;
    if (attempt > maxAttempts) {
      // Earlier attempts ended without a verdict: the worker died each time.
      const message = `the worker stopped during each of ${maxAttempts} attempts (crash, kill, lost connection)`;
      await client.query(deadSql, [row.key, message]);
      report(new Error(message), { key: row.key, eventType: row.event_type, attempt: maxAttempts, outcome: 'dead' });
      return;
    }
    await client.query('SAVEPOINT finhooks_event');
    try {
      await withInboxTransaction(client, () =>
        webhooks.receive(eventFromRow(row.event), { traceContext: traceCarrierFrom(row.trace_context) }),
      );
      await client.query(doneSql, [row.key]);
      await client.query('RELEASE SAVEPOINT finhooks_event');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT finhooks_event');
      // The message only: handler errors may carry payload values in their own fields, not stored.
      const message = (error instanceof Error ? error.message : 'handler failed').slice(0, 1000);
      const dead = attempt >= maxAttempts;
      if (dead) await client.query(deadSql, [row.key, message]);
      else await client.query(retrySql, [row.key, message, Math.max(0, Math.round(backoff(attempt)))]);
      report(error, { key: row.key, eventType: row.event_type, attempt, outcome: dead ? 'dead' : 'retry' });
    }
  }

  /** One transaction: claims a batch and handles it. Returns how many events it claimed. */
  async function batch(): Promise<number> {
    const claimed = await pool.query<{ key: string }>(claimSql, [batchSize, lease, instance]);
    if (claimed.rows.length === 0) return 0;
    let broken: Error | undefined;
    // A connection lost between statements (pg_terminate_backend, a restart) is an 'error' event
    // on the client; without a listener it would end the process. The next statement then fails.
    const onError = (error: Error) => (broken ??= error);
    const client = await acquire(pool, undefined, onError);
    const current = { client, keys: claimed.rows.map((row) => row.key), abandoned: false };
    running.add(current);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<Row>(lockSql, [claimed.rows.map((row) => row.key)]);
      for (const [index, row] of rows.entries()) {
        if (stopping) {
          // Closing: the events not started are released, due again at once.
          await client.query(unclaimSql, [rows.slice(index).map((r) => r.key)]);
          break;
        }
        await handle(client, row);
      }
      await client.query('COMMIT');
      return claimed.rows.length;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      running.delete(current);
      client.off('error', onError);
      // A client whose transaction failed is discarded rather than reused; an abandoned one is gone already.
      if (!current.abandoned) client.release(broken);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await batch();
      } catch (error) {
        report(error, { outcome: 'worker' });
      }
      if (claimed < batchSize && !stopping) await sleep(pollInterval);
    }
  }

  guardPool(pool);
  // Polling starts only once the configuration is known good: a bad one fails `ready` at start.
  const check = assertReady(pool, schema, DEFAULT_TIMEOUT_MS);
  const loops = Array.from({ length: concurrency }, () => check.then(loop, () => undefined));
  // A promise of its own, observed only by the caller: not awaited, a failed check is an unhandled
  // rejection that ends the process with its message (a worker must not idle on a bad config).
  const ready = new Promise<void>((resolve, reject) => void check.then(resolve, reject));

  // Raw bodies must not outlive their retention: one worker per deployment is enough, several share
  // the work. Once at start (workers restarted more often than the interval still purge), then on a timer.
  let purging: Promise<unknown> | undefined;
  const purge = () => {
    if (stopping || purging) return;
    purging = purgeAudit(pool, { schema: options.schema })
      .catch((error: unknown) => report(error, { outcome: 'worker' }))
      .finally(() => (purging = undefined));
  };
  const purgeTimer = auditPurgeInterval === false ? undefined : setInterval(purge, auditPurgeInterval).unref();
  if (auditPurgeInterval !== false) purge();

  const onSignal = (signal: NodeJS.Signals) => {
    void worker.close().finally(() => {
      for (const s of options.closeOnSignals ?? []) process.off(s, onSignal);
      process.kill(process.pid, signal);
    });
  };
  for (const signal of options.closeOnSignals ?? []) process.once(signal, onSignal);

  /** Closes the connection of each transaction still running: PostgreSQL rolls it back; then its events are due again. */
  async function abandonRunning(): Promise<void> {
    await Promise.all(
      [...running].map(async (current) => {
        current.abandoned = true;
        running.delete(current);
        current.client.release(new Error('finhooks: the inbox worker closed before these handlers finished.'));
        try {
          // Waits for the rollback to free the rows' locks.
          await boundedQuery(pool, DEFAULT_TIMEOUT_MS, releaseSql, [current.keys]);
        } catch (error) {
          // Still safe: the events are retried once their `lease` ends.
          report(error, { outcome: 'worker' });
        }
      }),
    );
  }

  let closed: Promise<void> | undefined;
  const worker: InboxWorker = {
    ready,
    close(closeOptions = {}) {
      const timeout = positiveInteger('timeout', closeOptions.timeout ?? DEFAULT_CLOSE_TIMEOUT_MS);
      closed ??= (async () => {
        stopping = true;
        clearInterval(purgeTimer);
        for (const finish of wakers) finish();
        const finished = Promise.all([...loops, purging]);
        if (!(await settlesWithin(finished, timeout))) await abandonRunning();
        for (const s of options.closeOnSignals ?? []) process.off(s, onSignal);
      })();
      return closed;
    },
  };
  return worker;
}
