import { SpanKind } from '@opentelemetry/api';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { observeQueueDepth, openTelemetry } from '@finhooks/core/opentelemetry';
import { sampleBody } from '@finhooks/core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, only, otelHarness, type OtelHarness } from '../../core/test/support/otel.js';
import { atelioSignatureHeader } from '../../core/test/support/sign.js';
import { createInboxWorker, migrate, postgresInbox } from '../src/index.js';
import { runMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { serve, waitFor } from './support/http.js';
import { connectPool, dropSchema, uniqueSchema } from './support/pg.js';

/**
 * Inbox mode with `telemetry: openTelemetry()` over a real PostgreSQL: the delivery's trace context
 * is stored in `inbox_events.trace_context` (migration 6) and the inbox worker continues the trace.
 */
const SECRET = 'whsec_otel_inbox_secret_0123456789';
const schema = uniqueSchema('otel');
let pool: pg.Pool;
let otel: OtelHarness;

beforeAll(async () => {
  otel = otelHarness();
  pool = await connectPool();
  await migrate(pool, { schema });
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
  await otel.shutdown();
});

const signedPost = (url: string) => {
  const body = JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: new Date().toISOString() });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(body, SECRET) },
    body,
  });
};

const TRACE_MIGRATION = MIGRATIONS.find((m) => m.name === 'inbox_trace_context')!.version;

describe('the inbox_trace_context migration', () => {
  it('adds a nullable trace_context to an inbox that already holds events, which keep their data', async () => {
    const older = uniqueSchema('otel_v4');
    try {
      await runMigrations(
        pool,
        older,
        MIGRATIONS.filter((m) => m.version < TRACE_MIGRATION),
      );
      await pool.query(
        `INSERT INTO "${older}".inbox_events (key, provider, event_id, event_type, event) VALUES ('a:1', 'atelio', '1', 'transactions', '{"id":"1"}')`,
      );
      const later = MIGRATIONS.filter((m) => m.version >= TRACE_MIGRATION).map((m) => m.version);
      expect(await migrate(pool, { schema: older })).toEqual({ applied: later, version: later.at(-1) });
      const { rows } = await pool.query(`SELECT key, status, event, trace_context FROM "${older}".inbox_events`);
      expect(rows).toEqual([{ key: 'a:1', status: 'pending', event: { id: '1' }, trace_context: null }]);
    } finally {
      await dropSchema(pool, older);
    }
  });
});

describe('inbox mode with openTelemetry()', () => {
  it('stores the traceparent of the inbox.accept span with the event; the worker continues the trace', async () => {
    const handled: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-otel',
      inbox: postgresInbox(pool, { schema }),
      telemetry: openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }),
      on: { transactions: (event) => void handled.push(event) },
    });
    const server = await serve(hooks);
    try {
      expect((await signedPost(server.url)).status).toBe(200);
    } finally {
      await server.close();
    }
    const delivery = only(otel.spans(), 'finhooks.delivery');
    const accept = only(otel.spans(), 'finhooks.inbox.accept');
    expect(accept.parentSpanContext?.spanId).toBe(delivery.spanContext().spanId);
    const { traceId, spanId } = accept.spanContext();
    const { rows } = await pool.query(`SELECT trace_context FROM "${schema}".inbox_events`);
    expect(rows).toEqual([{ trace_context: { traceparent: `00-${traceId}-${spanId}-01` } }]);

    const worker = createInboxWorker({ webhooks: hooks, pool, schema, pollInterval: 50, auditPurgeInterval: false });
    try {
      await worker.ready;
      await waitFor(async () => handled.length === 1, 20_000, 'the inbox worker handled the event');
    } finally {
      await worker.close();
    }
    const processSpan = only(otel.spans(), 'finhooks.process');
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.spanContext().traceId).toBe(traceId);
    expect(processSpan.parentSpanContext?.spanId).toBe(spanId);
    expect(childrenOf(otel.spans(), processSpan).map((s) => s.attributes['finhooks.handler.pattern'])).toEqual([
      'transactions',
    ]);
  });

  it('without telemetry the column stays NULL and the worker runs the event as before', async () => {
    await pool.query(`TRUNCATE "${schema}".inbox_events`);
    otel.reset();
    const handled: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-plain',
      inbox: postgresInbox(pool, { schema }),
      on: { transactions: (event) => void handled.push(event) },
    });
    const server = await serve(hooks);
    try {
      expect((await signedPost(server.url)).status).toBe(200);
    } finally {
      await server.close();
    }
    const { rows } = await pool.query(`SELECT trace_context FROM "${schema}".inbox_events`);
    expect(rows).toEqual([{ trace_context: null }]);
    const worker = createInboxWorker({ webhooks: hooks, pool, schema, pollInterval: 50, auditPurgeInterval: false });
    try {
      await worker.ready;
      await waitFor(async () => handled.length === 1, 20_000, 'the inbox worker handled the event');
    } finally {
      await worker.close();
    }
    expect(otel.spans()).toEqual([]);
  });

  it('finhooks.queue.depth counts the pending events of the real inbox, read at collection; 0 once the worker ran them', async () => {
    await pool.query(`TRUNCATE "${schema}".inbox_events`);
    const handled: WebhookEvent[] = [];
    const inbox = postgresInbox(pool, { schema });
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-depth',
      inbox,
      on: { transactions: (event) => void handled.push(event) },
    });
    const stop = observeQueueDepth(inbox, { name: 'inbox', meterProvider: otel.meterProvider });
    const server = await serve(hooks);
    try {
      for (let i = 0; i < 2; i++) {
        // Distinct occurrence times: two events, not a redelivery.
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect((await signedPost(server.url)).status).toBe(200);
      }
    } finally {
      await server.close();
    }
    try {
      expect(await otel.points('finhooks.queue.depth')).toContainEqual({ attributes: { 'finhooks.queue': 'inbox' }, value: 2 });
      const worker = createInboxWorker({ webhooks: hooks, pool, schema, pollInterval: 50, auditPurgeInterval: false });
      try {
        await worker.ready;
        await waitFor(async () => handled.length === 2, 20_000, 'the inbox worker handled both events');
      } finally {
        await worker.close();
      }
      expect(await otel.points('finhooks.queue.depth')).toContainEqual({ attributes: { 'finhooks.queue': 'inbox' }, value: 0 });
    } finally {
      stop();
    }
  });
});
