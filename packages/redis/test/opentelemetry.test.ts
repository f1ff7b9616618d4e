import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { observeQueueDepth, openTelemetry } from '@finhooks/core/opentelemetry';
import { sampleBody } from '@finhooks/core/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, only, otelHarness, type OtelHarness } from '../../core/test/support/otel.js';
import { atelioSignatureHeader } from '../../core/test/support/sign.js';
import { createWorker, jobIdFor, redisQueue, redisStore } from '../src/index.js';
import { serve } from './support/http.js';
import { connectRedis, deleteKeys, deleteQueue, REDIS_URL, uniqueName, waitFor } from './support/redis.js';

/**
 * Queue mode with `telemetry: openTelemetry()` over a real Redis: the delivery's trace context
 * travels in the BullMQ job and the worker's CONSUMER span continues the trace.
 */
const SECRET = 'whsec_otel_queue_secret_0123456789';
let otel: OtelHarness;
let redis: Redis;
const queueName = uniqueName('otel');
const storePrefix = `${uniqueName('otel-store')}:`;

beforeAll(async () => {
  otel = otelHarness();
  redis = await connectRedis();
});

afterAll(async () => {
  await deleteQueue(redis, queueName);
  await deleteKeys(redis, storePrefix);
  redis.disconnect();
  await otel.shutdown();
});

describe('queue mode with openTelemetry()', () => {
  it('the BullMQ job carries the traceparent of the enqueue span; the worker continues the trace', async () => {
    const telemetry = openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider });
    const queue = redisQueue({ connection: REDIS_URL, queueName, backoff: 10 });
    const store = redisStore({ connection: REDIS_URL, prefix: storePrefix });
    const handled: WebhookEvent[] = [];
    const failOnce = new Set<string>();
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-otel',
      store,
      queue,
      telemetry,
      on: {
        transactions: (event) => {
          // The first attempt fails: the retry continues the same trace.
          if (!failOnce.has(event.id)) {
            failOnce.add(event.id);
            throw new Error('first attempt fails');
          }
          handled.push(event);
        },
      },
    });
    hooks.onError(() => undefined);
    const server = await serve(hooks);
    const worker = createWorker(hooks, { connection: REDIS_URL, queueName });
    try {
      const body = JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: new Date().toISOString() });
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(body, SECRET) },
        body,
      });
      expect(response.status).toBe(200);

      const enqueueSpan = only(otel.spans(), 'finhooks.enqueue');
      const { traceId, spanId } = enqueueSpan.spanContext();
      const delivery = only(otel.spans(), 'finhooks.delivery');
      expect(enqueueSpan.parentSpanContext?.spanId).toBe(delivery.spanContext().spanId);
      expect(delivery.attributes['finhooks.outcome']).toBe('accepted');

      await waitFor(() => handled.length === 1, 'the worker handled the event', 20_000);
      const job = await queue.queue.getJob(jobIdFor(handled[0]!));
      expect(job?.data.traceContext).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

      await waitFor(
        () => otel.spans().filter((s) => s.name === 'finhooks.process').length === 2,
        'two process spans (failed attempt, retry)',
      );
      const processes = otel.spans().filter((s) => s.name === 'finhooks.process');
      for (const span of processes) {
        expect(span.kind).toBe(SpanKind.CONSUMER);
        expect(span.spanContext().traceId).toBe(traceId);
        expect(span.parentSpanContext?.spanId).toBe(spanId);
        expect(span.attributes).toMatchObject({
          'finhooks.instance': 'atelio-otel',
          'finhooks.event.type': 'transactions',
        });
        const handlers = childrenOf(otel.spans(), span);
        expect(handlers.map((s) => [s.name, s.attributes['finhooks.handler.pattern']])).toEqual([
          ['finhooks.handler', 'transactions'],
        ]);
      }
      expect(processes.map((s) => s.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
      expect(processes[0]!.attributes['error.type']).toBe('handler_failed');
    } finally {
      await worker.close();
      await server.close();
      await queue.close();
      await store.close();
    }
  });

  it('without telemetry the job carries no trace context', async () => {
    const name = `${queueName}-plain`;
    const queue = redisQueue({ connection: REDIS_URL, queueName: name });
    try {
      const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), queue });
      const body = JSON.stringify({ ...sampleBody('atelio', 'transactions')!, occurred_at: new Date().toISOString() });
      const server = await serve(hooks);
      try {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(body, SECRET) },
          body,
        });
        expect(response.status).toBe(200);
      } finally {
        await server.close();
      }
      const [job] = await queue.queue.getJobs(['waiting']);
      expect(job?.data.payload).toEqual(JSON.parse(body));
      expect(job?.data).not.toHaveProperty('traceContext');
    } finally {
      await queue.close();
      await deleteQueue(redis, name);
    }
  });

  it('finhooks.queue.depth counts the jobs waiting in the real queue, read at collection; 0 once a worker ran them', async () => {
    const name = `${queueName}-depth`;
    const queue = redisQueue({ connection: REDIS_URL, queueName: name });
    const handled: WebhookEvent[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-depth',
      queue,
      on: { transactions: (event) => void handled.push(event) },
    });
    const stop = observeQueueDepth(queue, { name, meterProvider: otel.meterProvider });
    const server = await serve(hooks);
    try {
      for (let i = 0; i < 3; i++) {
        const body = JSON.stringify({
          ...sampleBody('atelio', 'transactions')!,
          occurred_at: new Date(Date.now() - i * 1000).toISOString(),
        });
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'bond-signature': atelioSignatureHeader(body, SECRET) },
          body,
        });
        expect(response.status).toBe(200);
      }
      expect(await otel.points('finhooks.queue.depth')).toContainEqual({ attributes: { 'finhooks.queue': name }, value: 3 });
      const worker = createWorker(hooks, { connection: REDIS_URL, queueName: name });
      try {
        await waitFor(() => handled.length === 3, 'the worker handled the three events', 20_000);
      } finally {
        await worker.close();
      }
      expect(await otel.points('finhooks.queue.depth')).toContainEqual({ attributes: { 'finhooks.queue': name }, value: 0 });
    } finally {
      stop();
      await server.close();
      await queue.close();
      await deleteQueue(redis, name);
    }
  });
});
