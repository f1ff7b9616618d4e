import { randomUUID } from 'node:crypto';
import { atelio, createWebhooks, type DeliveryRecord, type Webhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditErrorContext,
  createInboxWorker,
  listDeliveries,
  migrate,
  type PostgresAudit,
  postgresAudit,
  postgresInbox,
  purgeAudit,
} from '../src/index.js';
import { type RunningServer, serve, waitFor } from './support/http.js';
import { connectPool, DATABASE_URL, dropSchema, uniqueSchema } from './support/pg.js';

const SECRET = 'whsec_audit_test_secret_0123456789';
const provider = atelio({ secret: SECRET });
const schema = uniqueSchema('audit');
let pool: pg.Pool;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  pool = await connectPool(undefined, 20);
  await migrate(pool, { schema });
});

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
  await pool.query(`TRUNCATE "${schema}".audit_deliveries, "${schema}".inbox_events`);
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

interface Failure {
  readonly error: Error;
  readonly context: AuditErrorContext;
}

function audit(options: Parameters<typeof postgresAudit>[1] = {}, on = pool): PostgresAudit & { failures: Failure[] } {
  const failures: Failure[] = [];
  const writer = postgresAudit(on, {
    schema,
    onError: (error, context) => void failures.push({ error, context }),
    ...options,
  });
  cleanup.push(() => writer.close());
  return Object.assign(writer, { failures });
}

async function server(webhooks: Webhooks): Promise<RunningServer> {
  const running = await serve(webhooks);
  cleanup.push(() => running.close());
  return running;
}

async function signed(type = 'card.created') {
  return createTestRequest(provider, type, { occurred_at: `${new Date().toISOString()}#${randomUUID()}` });
}

async function post(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

interface Row {
  id: string;
  received_at: Date;
  provider: string;
  instance: string;
  event_id: string | null;
  event_type: string | null;
  status: number;
  outcome: string;
  verification: string;
  error_code: string | null;
  latency_ms: number;
  attempt: number | null;
  raw_body: Buffer | null;
  raw_body_expires_at: Date | null;
}

async function rows(): Promise<Row[]> {
  const { rows } = await pool.query<Row>(`SELECT * FROM "${schema}".audit_deliveries ORDER BY id`);
  return rows;
}

/** A record as the pipeline makes it, for driving the writer directly. */
function record(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    provider: 'atelio',
    instance: 'atelio',
    receivedAt: new Date(),
    durationMs: 3,
    status: 200,
    outcome: 'accepted',
    verification: 'passed',
    eventId: `id:${randomUUID()}`,
    eventType: 'card.created',
    rawBody: new TextEncoder().encode('{"ok":true}'),
    ...overrides,
  };
}

describe('postgresAudit on real deliveries (inbox mode, real HTTP)', () => {
  it('records accepted, duplicate and refused deliveries with their outcome, attempt and raw body', async () => {
    const writer = audit({ rawBodyRetention: 3_600_000 });
    const webhooks = createWebhooks({
      provider,
      name: 'atelio-eu',
      inbox: postgresInbox(pool, { schema }),
      onDelivery: writer,
      onError: () => undefined,
    });
    const { url } = await server(webhooks);
    const request = await signed();
    const body = Buffer.from(request.body).toString('utf8');

    expect(await post(url, request.body, request.headers)).toBe(200);
    expect(await post(url, request.body, request.headers)).toBe(200);
    expect(await post(url, request.body, { ...request.headers, 'bond-signature': 'v1,forged' })).toBe(401);
    expect(await post(url, request.body, { ...request.headers, 'content-type': 'text/plain' })).toBe(415);
    await waitFor(async () => writer.stats().buffered === 0 && writer.stats().written === 4, 10_000, 'four deliveries');
    await writer.flush();

    const [accepted, duplicate, forged, media] = await rows();
    const { rows: stored } = await pool.query(`SELECT event_id FROM "${schema}".inbox_events`);
    const eventId = stored[0]!.event_id as string;
    expect(accepted).toMatchObject({
      provider: 'atelio',
      instance: 'atelio-eu',
      event_id: eventId,
      event_type: 'card.created',
      status: 200,
      outcome: 'accepted',
      verification: 'passed',
      error_code: null,
      attempt: 1,
    });
    expect(accepted!.raw_body!.toString('utf8')).toBe(body);
    const kept = accepted!.raw_body_expires_at!.getTime() - accepted!.received_at.getTime();
    expect(kept).toBe(3_600_000);
    expect(accepted!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(accepted!.latency_ms).toBeLessThan(10_000);
    expect(duplicate).toMatchObject({ event_id: eventId, outcome: 'duplicate', status: 200, attempt: 2 });
    expect(duplicate!.raw_body!.toString('utf8')).toBe(body);
    // Refused before identification: no event id, no attempt, never the unverified bytes.
    expect(forged).toMatchObject({
      event_id: null,
      attempt: null,
      status: 401,
      outcome: 'refused',
      verification: 'failed',
      raw_body: null,
      raw_body_expires_at: null,
    });
    expect(forged!.error_code).toMatch(/signature/);
    expect(media).toMatchObject({
      status: 415,
      outcome: 'refused',
      verification: 'not-reached',
      error_code: 'unsupported_media_type',
    });
  });

  it('never stores a header value or the secret, whatever the headers carry', async () => {
    const writer = audit();
    const webhooks = createWebhooks({
      provider,
      onDelivery: writer,
      onError: () => undefined,
      on: { '*': () => undefined },
    });
    const { url } = await server(webhooks);
    const canary = `canary-${randomUUID()}`;
    const signatures: string[] = [];
    for (let i = 0; i < 3; i++) {
      const request = await signed();
      signatures.push(request.headers['bond-signature']!);
      const headers: Record<string, string> = {
        ...request.headers,
        'x-canary': canary,
        authorization: `Bearer ${canary}`,
      };
      expect(await post(url, request.body, headers)).toBe(200);
      expect(await post(url, request.body, headers)).toBe(200);
      expect(await post(url, request.body, { ...headers, 'bond-signature': `${headers['bond-signature']}x` })).toBe(
        401,
      );
    }
    await waitFor(async () => writer.stats().written === 9, 10_000, 'nine deliveries');

    // Every column of every row, raw bodies decoded, as one text.
    const { rows: dump } = await pool.query<{ row: string; body: string | null }>(
      `SELECT t::text AS row, convert_from(t.raw_body, 'UTF8') AS body FROM "${schema}".audit_deliveries t`,
    );
    expect(dump).toHaveLength(9);
    const everything = dump.map((r) => `${r.row}\n${r.body ?? ''}`).join('\n');
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain(SECRET);
    for (const signature of signatures) {
      expect(everything).not.toContain(signature);
      // Nor the signature's value part alone (the base64 after "v1,"), in text or hex.
      for (const part of signature.split(/[ ,]/).filter((p) => p.length > 8)) {
        expect(everything).not.toContain(part);
        expect(everything).not.toContain(Buffer.from(part).toString('hex'));
      }
    }
    expect(everything).not.toContain(Buffer.from(canary).toString('hex'));
  });

  it('stores no raw body when rawBodyRetention is 0', async () => {
    const writer = audit({ rawBodyRetention: 0 });
    const webhooks = createWebhooks({
      provider,
      onDelivery: writer,
      onError: () => undefined,
      on: { '*': () => undefined },
    });
    const { url } = await server(webhooks);
    const request = await signed();
    expect(await post(url, request.body, request.headers)).toBe(200);
    await writer.close();
    const [row] = await rows();
    expect(row).toMatchObject({ outcome: 'accepted', raw_body: null, raw_body_expires_at: null, attempt: 1 });
  });

  it('keeps raw bodies 7 days by default', async () => {
    const writer = audit();
    writer(record());
    await writer.flush();
    const [row] = await rows();
    expect(row!.raw_body_expires_at!.getTime() - row!.received_at.getTime()).toBe(7 * 24 * 3600_000);
  });
});

describe('postgresAudit writing', () => {
  it('writes a full batch at once, the rest after flushInterval or on close', async () => {
    const batched = audit({ batchSize: 3, flushInterval: 60_000 });
    for (let i = 0; i < 4; i++) batched(record());
    await waitFor(async () => (await rows()).length === 3, 5_000, 'the full batch');
    expect(batched.stats()).toMatchObject({ written: 3, buffered: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toHaveLength(3);
    await batched.close();
    expect(await rows()).toHaveLength(4);

    const timed = audit({ batchSize: 100, flushInterval: 200 });
    timed(record());
    await waitFor(async () => (await rows()).length === 5, 5_000, 'the interval flush');
    expect(timed.stats()).toMatchObject({ written: 1, buffered: 0 });
  });

  it('numbers the deliveries of an event 1…n across concurrent writers of two pools', async () => {
    const other = new pg.Pool({ connectionString: DATABASE_URL, max: 5 });
    cleanup.push(() => other.end());
    const a = audit({ batchSize: 4, flushInterval: 60_000 });
    const b = audit({ batchSize: 4, flushInterval: 60_000 }, other);
    const eventId = `id:${randomUUID()}`;
    const otherEvent = `id:${randomUUID()}`;
    for (let i = 0; i < 20; i++) {
      a(record({ eventId }));
      b(record({ eventId }));
      b(record({ eventId: otherEvent }));
      // The same id under another instance is another event.
      a(record({ eventId, instance: 'atelio-us' }));
    }
    await Promise.all([a.close(), b.close()]);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    const attempts = async (instance: string, id: string) =>
      (
        await pool.query<{ attempt: number }>(
          `SELECT attempt FROM "${schema}".audit_deliveries WHERE instance = $1 AND event_id = $2 ORDER BY attempt`,
          [instance, id],
        )
      ).rows.map((row) => row.attempt);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(await attempts('atelio', eventId)).toEqual(upTo(40));
    expect(await attempts('atelio', otherEvent)).toEqual(upTo(20));
    expect(await attempts('atelio-us', eventId)).toEqual(upTo(20));
  });

  it('stores an event id with a NUL character instead of failing its batch', async () => {
    const writer = audit();
    writer(record({ eventId: 'id:a\u0000b' }));
    await writer.close();
    expect(writer.failures).toEqual([]);
    expect((await rows())[0]!.event_id).toBe('id:a\uFFFDb');
  });

  it('keeps records through a database outage, bounded by maxBuffered, and reports what it drops', async () => {
    const down = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    down.on('error', () => undefined);
    cleanup.push(() => down.end());
    const writer = audit({ batchSize: 2, flushInterval: 100, maxBuffered: 5 }, down);
    for (let i = 0; i < 8; i++) expect(() => writer(record())).not.toThrow();
    await waitFor(async () => writer.failures.some((f) => f.context.outcome === 'retry'), 10_000, 'a failed write');
    const retry = writer.failures.find((f) => f.context.outcome === 'retry')!;
    expect(retry.error.message).toMatch(/ECONNREFUSED/);
    // A lost connection is retried as long as it lasts: the five buffered records stay.
    await waitFor(
      async () => writer.failures.filter((f) => f.context.outcome === 'retry').length >= 3,
      10_000,
      'retries',
    );
    expect(writer.stats()).toMatchObject({ written: 0, buffered: 5 });
    const overflow = writer.failures.filter((f) => f.context.outcome === 'dropped');
    expect(overflow.reduce((sum, f) => sum + f.context.records, 0)).toBe(3);
    expect(overflow[0]!.error.message).toMatch(/buffer was full \(maxBuffered 5\)/);
    await writer.close();
    expect(writer.stats()).toMatchObject({ written: 0, buffered: 0, dropped: 8 });
    expect(writer.failures.at(-1)!.context).toEqual({ outcome: 'dropped', records: 5 });
  });

  it('drops a batch the database refuses three times (schema not migrated), never throwing into the pipeline', async () => {
    const writer = postgresAudit(pool, {
      schema: `${schema}_missing`,
      flushInterval: 50,
      onError: (error, context) => void failures.push({ error, context }),
    });
    const failures: Failure[] = [];
    cleanup.push(() => writer.close());
    writer(record());
    writer(record());
    await waitFor(async () => failures.some((f) => f.context.outcome === 'dropped'), 10_000, 'the drop');
    expect(failures.filter((f) => f.context.outcome === 'retry')).toHaveLength(2);
    expect(failures.find((f) => f.context.outcome === 'dropped')!.context.records).toBe(2);
    expect(failures[0]!.error.message).toMatch(/audit_deliveries.*does not exist/);
    expect(writer.stats()).toMatchObject({ written: 0, dropped: 2, buffered: 0 });
  });

  it('records nothing after close, and says so', async () => {
    const writer = audit();
    await writer.close();
    writer(record());
    expect(writer.stats().dropped).toBe(1);
    await writer.close();
    expect(await rows()).toEqual([]);
  });

  it('refuses nonsense options', () => {
    expect(() => postgresAudit(pool, { rawBodyRetention: -1 })).toThrow(/rawBodyRetention/);
    expect(() => postgresAudit(pool, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => postgresAudit(pool, { schema: 'x"; DROP' })).toThrow(/schema must be/);
  });
});

describe('purging the audit trail', () => {
  it('purgeAudit clears expired raw bodies (rows stay) and, with retention, deletes old rows', async () => {
    const short = audit({ rawBodyRetention: 1 });
    const long = audit({ rawBodyRetention: 3_600_000 });
    short(record({ receivedAt: new Date(Date.now() - 60_000) }));
    short(record({ outcome: 'refused', status: 401, verification: 'failed', rawBody: undefined, eventId: undefined }));
    long(record());
    await Promise.all([short.flush(), long.flush()]);
    expect(await purgeAudit(pool, { schema })).toEqual({ rawBodies: 1, deliveries: 0 });
    const after = await rows();
    expect(after).toHaveLength(3);
    expect(after.filter((row) => row.raw_body !== null)).toHaveLength(1);
    expect(await purgeAudit(pool, { schema, retention: 30_000 })).toEqual({ rawBodies: 0, deliveries: 1 });
    expect(await rows()).toHaveLength(2);
    await expect(purgeAudit(pool, { schema, retention: 0 })).rejects.toThrow(/retention/);
  });

  it('the inbox worker clears expired raw bodies at start and every auditPurgeInterval', async () => {
    const writer = audit({ rawBodyRetention: 1 });
    writer(record());
    await writer.flush();
    const worker = createInboxWorker({
      webhooks: createWebhooks({ provider }),
      pool,
      schema,
      pollInterval: 1000,
      auditPurgeInterval: 100,
      onError: () => undefined,
    });
    cleanup.push(() => worker.close());
    await waitFor(async () => (await rows())[0]!.raw_body === null, 10_000, 'the purge at start');
    // And again on its timer, for bodies that expire while it runs.
    writer(record());
    await writer.flush();
    await waitFor(async () => (await rows()).every((row) => row.raw_body === null), 10_000, 'the timed purge');
    expect(await rows()).toHaveLength(2);
  });

  it('listDeliveries reads the trail newest first, without raw bodies', async () => {
    const writer = audit();
    const eventId = `id:${randomUUID()}`;
    writer(record({ eventId, receivedAt: new Date(Date.now() - 1000) }));
    writer(record({ eventId, outcome: 'duplicate' }));
    writer(
      record({
        outcome: 'refused',
        status: 401,
        verification: 'failed',
        code: 'invalid_signature',
        eventId: undefined,
        rawBody: undefined,
      }),
    );
    await writer.flush();
    const listed = await listDeliveries(pool, { schema, eventId });
    expect(listed.map((d) => [d.outcome, d.attempt, d.hasRawBody])).toEqual([
      ['duplicate', 2, true],
      ['accepted', 1, true],
    ]);
    expect(listed[0]).not.toHaveProperty('rawBody');
    expect((await listDeliveries(pool, { schema, outcome: 'refused' })).map((d) => d.errorCode)).toEqual([
      'invalid_signature',
    ]);
  });
});
