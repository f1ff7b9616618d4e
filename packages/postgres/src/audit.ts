import type { DeliveryRecord } from '@finhooks/core';
import type { Pool, PoolClient } from 'pg';
import { DEFAULT_SCHEMA, positiveInteger, quoteSchema } from './schema.js';

/** Raw bodies are kept 7 days unless `rawBodyRetention` says otherwise. */
export const DEFAULT_RAW_BODY_RETENTION_MS = 7 * 24 * 3600_000;

export interface PostgresAuditOptions {
  /** Schema migrated by `migrate(pool, { schema })`. Default `finhooks`. */
  readonly schema?: string;
  /**
   * How long the raw body of an accepted or duplicate delivery is kept, ms (default 7 days);
   * `0`: never stored. Refused deliveries never have one. Expired bodies are cleared by the inbox
   * worker or `purgeAudit`; the delivery's row stays.
   */
  readonly rawBodyRetention?: number;
  /** Records written per INSERT; a full batch is written at once. Default 100. */
  readonly batchSize?: number;
  /** Longest a record waits in the buffer before it is written, ms. Default 1000. */
  readonly flushInterval?: number;
  /** Records held at most (buffered and being written); past it new deliveries are not recorded (counted, reported). Default 10 000. */
  readonly maxBuffered?: number;
  /** Bytes of raw bodies held at most; past it a delivery is recorded without its raw body. Default 32 MiB. */
  readonly maxBufferedBytes?: number;
  /** Write failures and lost records. Default: `console.error` of a one-line message (no payload, no header value). */
  readonly onError?: (error: Error, context: AuditErrorContext) => unknown;
}

export interface AuditErrorContext {
  /**
   * `'retry'`: a write failed, its records stay buffered and are written with the next flush;
   * `'dropped'`: `records` deliveries will never be recorded (buffer full, writer closed, or their
   * write failed three times for a reason other than a lost connection).
   */
  readonly outcome: 'retry' | 'dropped';
  readonly records: number;
}

export interface AuditStats {
  /** Deliveries written to the table. */
  readonly written: number;
  /** Deliveries that will never be written. */
  readonly dropped: number;
  /** Deliveries waiting in the buffer or being written. */
  readonly buffered: number;
  /** Deliveries recorded without their raw body because `maxBufferedBytes` was reached. */
  readonly bodiesSkipped: number;
}

/** A delivery observer (`onDelivery`) that writes the audit trail; `close()` writes what is left. */
export interface PostgresAudit {
  (record: DeliveryRecord): void;
  /** Writes every buffered record now (resolves once done or failed; failures go to `onError`). */
  flush(): Promise<void>;
  /** Stops recording, writes what is buffered (one attempt), reports the rest as dropped. The pool stays open. */
  close(): Promise<void>;
  stats(): AuditStats;
}

interface Pending {
  readonly record: DeliveryRecord;
  readonly body: Buffer | undefined;
  /** Failed writes this record was part of, other than lost connections. */
  tries: number;
}

const MAX_TRIES = 3;
/** First key of the two-int advisory locks that number attempts (its own key space, see migrate's lock). */
const ATTEMPT_LOCK_CLASS = 0x66680a01;

/**
 * The audit trail: every delivery, accepted or refused, as a row of `<schema>.audit_deliveries`
 * (time, provider, instance, event id and type, status, error code, verification outcome, latency,
 * attempt, and the raw body of accepted ones for `rawBodyRetention`). Pass it as `onDelivery`:
 *
 * ```ts
 * const audit = postgresAudit(pool);
 * createWebhooks({ provider, inbox: postgresInbox(pool), onDelivery: audit });
 * // at shutdown: await audit.close();
 * ```
 *
 * The pipeline does not wait for it: a delivery only appends to an in-memory buffer, written in
 * batches (one transaction per batch) when `batchSize` records wait or `flushInterval` passed.
 * It never throws into the pipeline; failures go to `onError`. What is buffered is lost if the
 * process crashes (at most `flushInterval` ms of deliveries, or what a database outage held back).
 */
export function postgresAudit(pool: Pool, options: PostgresAuditOptions = {}): PostgresAudit {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.audit_deliveries`;
  const retention = options.rawBodyRetention ?? DEFAULT_RAW_BODY_RETENTION_MS;
  if (!Number.isInteger(retention) || retention < 0) {
    throw new TypeError(
      `rawBodyRetention must be a non-negative integer of ms (0: never store raw bodies), got ${String(retention)}.`,
    );
  }
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 100);
  const flushInterval = positiveInteger('flushInterval', options.flushInterval ?? 1000);
  const maxBuffered = positiveInteger('maxBuffered', options.maxBuffered ?? 10_000);
  const maxBufferedBytes = positiveInteger('maxBufferedBytes', options.maxBufferedBytes ?? 32 * 1024 * 1024);
  const onError =
    options.onError ??
    ((error: Error, context: AuditErrorContext) =>
      console.error(`[finhooks] audit trail (${context.outcome}, ${context.records} deliveries): ${error.message}`));
  const report = (error: Error, context: AuditErrorContext) => {
    try {
      void Promise.resolve(onError(error, context)).catch(() => undefined);
    } catch {
      // A throwing observer must not stop the writer.
    }
  };

  // Locks every event of the batch (sorted: two writers never wait on each other in a cycle), so
  // concurrent writers, in any process, number an event's deliveries one after the other.
  const lockSql = `
    SELECT pg_advisory_xact_lock(${ATTEMPT_LOCK_CLASS}, k)
      FROM (SELECT DISTINCT hashtext($3::text || ':' || i || ':' || e) AS k
              FROM unnest($1::text[], $2::text[]) AS v(i, e)
             WHERE e IS NOT NULL
             ORDER BY k) AS keys`;
  // Run after the locks, in a new snapshot (READ COMMITTED): max(attempt) sees every committed delivery.
  const insertSql = `
    INSERT INTO ${table} (received_at, provider, instance, event_id, event_type, status, outcome, verification,
                          error_code, latency_ms, attempt, raw_body, raw_body_expires_at)
    SELECT v.received_at, v.provider, v.instance, v.event_id, v.event_type, v.status, v.outcome, v.verification,
           v.error_code, v.latency_ms,
           CASE WHEN v.event_id IS NULL THEN NULL ELSE
             coalesce((SELECT max(a.attempt) FROM ${table} a WHERE a.instance = v.instance AND a.event_id = v.event_id), 0)
             + row_number() OVER (PARTITION BY v.instance, v.event_id ORDER BY v.ord)
           END,
           v.raw_body,
           CASE WHEN v.raw_body IS NULL THEN NULL ELSE v.received_at + $13::bigint * interval '1 millisecond' END
      FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[],
                  $8::text[], $9::text[], $10::integer[], $11::bytea[], $12::integer[])
           AS v(received_at, provider, instance, event_id, event_type, status, outcome, verification,
                error_code, latency_ms, raw_body, ord)
     ORDER BY v.ord`;

  let buffer: Pending[] = [];
  let bufferedBytes = 0;
  let inFlight = 0;
  let written = 0;
  let dropped = 0;
  let bodiesSkipped = 0;
  let unreportedDrops = 0;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  /** Whether the running drain also writes a last, partial batch (timer, flush, close), or full ones only. */
  let all = false;

  function drop(count: number) {
    dropped += count;
    unreportedDrops += count;
  }

  function reportDrops() {
    if (unreportedDrops === 0) return;
    const count = unreportedDrops;
    unreportedDrops = 0;
    report(
      new Error(
        closed
          ? `${count} deliveries were not recorded: the audit writer was closed, or their write failed.`
          : `${count} deliveries were not recorded: the audit buffer was full (maxBuffered ${maxBuffered}) or their write failed ${MAX_TRIES} times.`,
      ),
      { outcome: 'dropped', records: count },
    );
  }

  function schedule() {
    if (timer || flushing || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void kick(true);
    }, flushInterval);
    timer.unref();
  }

  function kick(partial: boolean): Promise<void> {
    if (partial) all = true;
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    flushing ??= drain().finally(() => {
      flushing = undefined;
      if (buffer.length > 0 || unreportedDrops > 0) schedule();
    });
    return flushing;
  }

  /** Writes the buffer batch by batch; stops at the first failure (retried after `flushInterval`). */
  async function drain(): Promise<void> {
    try {
      await drainBatches();
    } finally {
      all = false;
    }
  }

  async function drainBatches(): Promise<void> {
    reportDrops();
    while (buffer.length >= (all ? 1 : batchSize)) {
      const batch = buffer.splice(0, batchSize);
      inFlight = batch.length;
      try {
        await write(batch);
        written += batch.length;
      } catch (error) {
        const transient = isTransient(error);
        const kept = batch.filter((pending) => transient || ++pending.tries < MAX_TRIES);
        const lost = batch.length - kept.length;
        for (const pending of batch) if (!kept.includes(pending)) bufferedBytes -= pending.body?.byteLength ?? 0;
        buffer = [...kept, ...buffer];
        const failure = new Error(`writing ${batch.length} audit records failed: ${(error as Error).message}`, {
          cause: error,
        });
        if (kept.length > 0) report(failure, { outcome: 'retry', records: kept.length });
        if (lost > 0) drop(lost);
        reportDrops();
        return;
      } finally {
        inFlight = 0;
      }
      for (const pending of batch) bufferedBytes -= pending.body?.byteLength ?? 0;
    }
  }

  async function write(batch: readonly Pending[]): Promise<void> {
    const columns = {
      receivedAt: [] as Date[],
      provider: [] as string[],
      instance: [] as string[],
      eventId: [] as (string | null)[],
      eventType: [] as (string | null)[],
      status: [] as number[],
      outcome: [] as string[],
      verification: [] as string[],
      code: [] as (string | null)[],
      latency: [] as number[],
      body: [] as (Buffer | null)[],
      ord: [] as number[],
    };
    batch.forEach(({ record, body }, index) => {
      columns.receivedAt.push(record.receivedAt);
      columns.provider.push(text(record.provider));
      columns.instance.push(text(record.instance));
      columns.eventId.push(record.eventId === undefined ? null : text(record.eventId));
      columns.eventType.push(record.eventType === undefined ? null : text(record.eventType));
      columns.status.push(record.status);
      columns.outcome.push(record.outcome);
      columns.verification.push(record.verification);
      columns.code.push(record.code === undefined ? null : text(record.code));
      columns.latency.push(Math.min(Math.max(Math.round(record.durationMs), 0), 2 ** 31 - 1));
      columns.body.push(body ?? null);
      columns.ord.push(index);
    });
    const client: PoolClient = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (columns.eventId.some((id) => id !== null)) {
        await client.query(lockSql, [columns.instance, columns.eventId, schema]);
      }
      await client.query(insertSql, [
        columns.receivedAt,
        columns.provider,
        columns.instance,
        columns.eventId,
        columns.eventType,
        columns.status,
        columns.outcome,
        columns.verification,
        columns.code,
        columns.latency,
        columns.body,
        columns.ord,
        retention,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken && isTransient(broken) ? broken : undefined);
    }
  }

  const observe = (record: DeliveryRecord): void => {
    if (closed || buffer.length + inFlight >= maxBuffered) {
      drop(1);
      if (!closed) schedule();
      return;
    }
    let body: Buffer | undefined;
    const raw = record.rawBody;
    if (retention > 0 && raw && (record.outcome === 'accepted' || record.outcome === 'duplicate')) {
      if (bufferedBytes + raw.byteLength > maxBufferedBytes) bodiesSkipped++;
      // A copy: a view would keep the host's whole (possibly pooled or reused) buffer alive until written.
      else body = Buffer.from(raw);
    }
    bufferedBytes += body?.byteLength ?? 0;
    buffer.push({ record, body, tries: 0 });
    if (buffer.length >= batchSize) void kick(false);
    else schedule();
  };

  return Object.assign(observe, {
    async flush() {
      // A drain under way may be writing full batches only: let it end, then write everything.
      await flushing;
      await kick(true);
    },
    close() {
      closing ??= (async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        timer = undefined;
        await flushing;
        if (buffer.length > 0) await kick(true);
        if (buffer.length > 0) {
          drop(buffer.length);
          buffer = [];
          bufferedBytes = 0;
        }
        reportDrops();
      })();
      return closing;
    },
    stats: (): AuditStats => ({ written, dropped, buffered: buffer.length + inFlight, bodiesSkipped }),
  });
}

/** PostgreSQL refuses NUL in text; identities come from signed bytes, so map it rather than fail the batch. */
function text(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** A lost or refused connection (worth retrying as is), as opposed to an error in the statement. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code !== 'string' || /^(08|53|57)/.test(code) || !/^[0-9A-Z]{5}$/.test(code);
}
