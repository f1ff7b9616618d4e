import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '../src/adapter.js';
import { atelio, createWebhooks, type WebhookEvent, type Webhooks } from '../src/index.js';
import { openTelemetry } from '../src/opentelemetry.js';
import { sampleBody } from '../src/testing.js';
import { listen } from './support/http-server.js';
import { childrenOf, only, otelHarness, spanStrings, type OtelHarness } from './support/otel.js';
import { atelioSignatureHeader } from './support/sign.js';

/**
 * `openTelemetry()` with the real SDK (in-memory exporters) behind a real node:http server: the span
 * tree, attributes and status of each outcome, the metrics, and that no payload, header or secret
 * value reaches any span.
 */
const SECRET = 'whsec_CANARY_SECRET_otel_0123456789';
const CANARY_DESCRIPTION = 'CANARY-PAYLOAD-description-7f3a';
const CANARY_ACCOUNT = 'c0ffee00-ca7a-4a11-8bad-feedfacecafe';
const CANARY_HEADER = 'CANARY-HEADER-value-91b2';
const HANDLER_MESSAGE = 'CANARY-HANDLER-MESSAGE quoting the payload';

let otel: OtelHarness;
beforeAll(() => {
  otel = otelHarness();
});
afterAll(() => otel.shutdown());
afterEach(() => otel.reset());

function eventBody(overrides: { description?: string; occurredAt?: string; amount?: unknown } = {}): string {
  const sample = sampleBody('atelio', 'transactions') as { transaction: Record<string, unknown> };
  return JSON.stringify({
    ...sample,
    occurred_at: overrides.occurredAt ?? new Date().toISOString(),
    transaction: {
      ...sample.transaction,
      account_id: CANARY_ACCOUNT,
      description: overrides.description ?? CANARY_DESCRIPTION,
      ...('amount' in overrides && { amount: overrides.amount }),
    },
  });
}

/** A real server; each request runs in a SERVER span, as an HTTP instrumentation makes it. */
async function serve(webhooks: Webhooks) {
  const tracer = otel.tracerProvider.getTracer('test-http');
  const server = await listen((req, res) => {
    void tracer.startActiveSpan('POST /webhooks', { kind: SpanKind.SERVER }, async (span) => {
      writeNodeResponse(res, await handleRequest(webhooks, fromNodeRequest(req)));
      span.end();
    });
  });
  const post = async (body: string, signature = atelioSignatureHeader(body, SECRET)) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'bond-signature': signature, 'x-canary': CANARY_HEADER },
      body,
    });
    return { status: response.status, body: await response.json(), signature };
  };
  return { post, close: server.close };
}

function instance(on: Record<string, (event: WebhookEvent) => unknown> = {}) {
  return createWebhooks({
    provider: atelio({ secret: SECRET }),
    name: 'atelio-eu',
    telemetry: openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }),
    on: on as never,
  });
}

const labels = { 'finhooks.provider': 'atelio', 'finhooks.instance': 'atelio-eu' };

describe('openTelemetry(): spans', () => {
  it('an accepted delivery: a delivery span under the server span, its steps, one span per handler with its pattern', async () => {
    let activeInHandler: string | undefined;
    const hooks = instance({
      transactions: () => {
        activeInHandler = trace.getActiveSpan()?.spanContext().spanId;
      },
      'trans*': async () => undefined,
    });
    const server = await serve(hooks);
    try {
      expect((await server.post(eventBody())).status).toBe(200);
    } finally {
      await server.close();
    }
    const spans = otel.spans();
    const http = only(spans, 'POST /webhooks');
    const delivery = only(spans, 'finhooks.delivery');
    expect(delivery.parentSpanContext?.spanId).toBe(http.spanContext().spanId);
    expect(delivery.kind).toBe(SpanKind.INTERNAL);
    expect(delivery.instrumentationScope.name).toBe('@finhooks/core');
    expect(delivery.attributes).toEqual({
      ...labels,
      'finhooks.event.type': 'transactions',
      'finhooks.outcome': 'accepted',
      'finhooks.duplicate': false,
      'http.response.status_code': 200,
    });
    expect(delivery.status.code).toBe(SpanStatusCode.UNSET);
    expect(childrenOf(spans, delivery).map((s) => s.name)).toEqual([
      'finhooks.verify',
      'finhooks.validate',
      'finhooks.claim',
      'finhooks.dispatch',
    ]);
    const dispatch = only(spans, 'finhooks.dispatch');
    const handlers = childrenOf(spans, dispatch);
    expect(handlers.map((s) => s.attributes['finhooks.handler.pattern']).sort()).toEqual(['trans*', 'transactions']);
    for (const handler of handlers) {
      expect(handler.name).toBe('finhooks.handler');
      expect(handler.attributes['finhooks.event.type']).toBe('transactions');
      expect(handler.status.code).toBe(SpanStatusCode.UNSET);
    }
    // The handler runs with its span active: the app's own spans nest under it.
    expect(handlers.map((s) => s.spanContext().spanId)).toContain(activeInHandler);
    // Every step ended (exported) before the delivery span did.
    expect(spans.indexOf(dispatch)).toBeLessThan(spans.indexOf(delivery));
  });

  it('a redelivery: outcome duplicate, duplicate flag, no dispatch', async () => {
    const hooks = instance({ transactions: () => undefined });
    const server = await serve(hooks);
    const body = eventBody({ occurredAt: '2024-03-01T00:00:00.000Z' });
    try {
      await server.post(body);
      otel.reset();
      const again = await server.post(body);
      expect([again.status, again.body]).toEqual([200, { received: true, duplicate: true }]);
    } finally {
      await server.close();
    }
    const spans = otel.spans();
    const delivery = only(spans, 'finhooks.delivery');
    expect(delivery.attributes).toMatchObject({
      'finhooks.outcome': 'duplicate',
      'finhooks.duplicate': true,
      'http.response.status_code': 200,
    });
    expect(childrenOf(spans, delivery).map((s) => s.name)).toEqual([
      'finhooks.verify',
      'finhooks.validate',
      'finhooks.claim',
    ]);
  });

  it('401: refused at verify (verify span in error, delivery unset: a refusal is the sender’s problem), nothing after', async () => {
    const server = await serve(instance());
    const body = eventBody();
    try {
      const refused = await server.post(body, atelioSignatureHeader(body, 'whsec_some_other_secret_0123456789'));
      expect(refused.status).toBe(401);
    } finally {
      await server.close();
    }
    const spans = otel.spans();
    const delivery = only(spans, 'finhooks.delivery');
    expect(delivery.attributes).toEqual({
      ...labels,
      'finhooks.outcome': 'refused',
      'finhooks.duplicate': false,
      'http.response.status_code': 401,
      'error.type': 'invalid_signature',
    });
    expect(delivery.status.code).toBe(SpanStatusCode.UNSET);
    const steps = childrenOf(spans, delivery);
    expect(steps.map((s) => s.name)).toEqual(['finhooks.verify']);
    expect(steps[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'invalid_signature' });
  });

  it('400: a signed event that fails its schema is refused at validate', async () => {
    const server = await serve(instance());
    try {
      expect((await server.post(eventBody({ amount: { not: 'an amount' } }))).status).toBe(400);
    } finally {
      await server.close();
    }
    const spans = otel.spans();
    const delivery = only(spans, 'finhooks.delivery');
    expect(delivery.attributes).toMatchObject({
      'finhooks.outcome': 'refused',
      'error.type': 'invalid_payload',
      'http.response.status_code': 400,
    });
    const steps = childrenOf(spans, delivery);
    expect(steps.map((s) => [s.name, s.status.code])).toEqual([
      ['finhooks.verify', SpanStatusCode.UNSET],
      ['finhooks.validate', SpanStatusCode.ERROR],
    ]);
  });

  it('500: a failing handler’s span is in error with its class only (never its message), the delivery is failed', async () => {
    class LedgerError extends Error {}
    const hooks = instance({
      transactions: () => {
        throw new LedgerError(`${HANDLER_MESSAGE} ${CANARY_DESCRIPTION}`);
      },
    });
    hooks.onError(() => undefined);
    const server = await serve(hooks);
    try {
      expect((await server.post(eventBody())).status).toBe(500);
    } finally {
      await server.close();
    }
    const spans = otel.spans();
    const delivery = only(spans, 'finhooks.delivery');
    expect(delivery.attributes).toMatchObject({
      'finhooks.outcome': 'failed',
      'error.type': 'handler_failed',
      'http.response.status_code': 500,
    });
    expect(delivery.status).toEqual({ code: SpanStatusCode.ERROR, message: 'handler_failed' });
    expect(only(spans, 'finhooks.dispatch').status.code).toBe(SpanStatusCode.ERROR);
    const handler = only(spans, 'finhooks.handler');
    expect(handler.status).toEqual({ code: SpanStatusCode.ERROR, message: 'LedgerError' });
    expect(handler.attributes['error.type']).toBe('LedgerError');
    expect(handler.events).toEqual([]);
  });

  it('no payload value, header value, secret, signature or event id in any span of any outcome', async () => {
    const ids: string[] = [];
    const hooks = instance({
      transactions: (event) => {
        ids.push(event.id);
        if ((event.payload as { transaction: { amount: string } }).transaction.amount === '10.01') return;
        throw new Error(HANDLER_MESSAGE);
      },
    });
    hooks.onError(() => undefined);
    const server = await serve(hooks);
    const signatures: string[] = [];
    try {
      const body = eventBody();
      for (const sent of [
        await server.post(body),
        await server.post(body),
        await server.post(body, atelioSignatureHeader(body, 'whsec_another_secret_CANARY_000000')),
        await server.post(eventBody({ amount: CANARY_DESCRIPTION })),
        await server.post(eventBody({ amount: '99.99' })),
        await server.post(eventBody({ amount: { CANARY: CANARY_DESCRIPTION } })),
      ])
        signatures.push(sent.signature);
    } finally {
      await server.close();
    }
    // Accepted, and the two that reached the failing handler (the 401 and the 400 never did).
    expect(ids.length).toBe(3);
    const canaries = [
      SECRET,
      'whsec_another_secret_CANARY_000000',
      CANARY_DESCRIPTION,
      CANARY_ACCOUNT,
      CANARY_HEADER,
      HANDLER_MESSAGE,
      ...signatures,
      ...ids,
    ];
    const strings = otel.spans().flatMap(spanStrings);
    expect(strings.length).toBeGreaterThan(30);
    for (const canary of canaries) expect(strings.filter((s) => s.includes(canary))).toEqual([]);
    // The canary marker itself, in any form.
    expect(strings.filter((s) => /canary/i.test(s))).toEqual([]);
  });
});

describe('openTelemetry(): metrics', () => {
  it('counts deliveries by outcome and type, refused signatures, handler durations; claims go back to 0', async () => {
    const telemetry = openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider });
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'metrics-eu',
      telemetry,
      on: { transactions: () => undefined },
    });
    const server = await serve(hooks);
    const body = eventBody();
    try {
      await server.post(body);
      await server.post(body);
      await server.post(body, atelioSignatureHeader(body, 'whsec_yet_another_secret_00000000'));
    } finally {
      await server.close();
    }
    const mine = (points: { attributes: Record<string, unknown>; value: number }[]) =>
      points.filter((p) => p.attributes['finhooks.instance'] === 'metrics-eu');
    const deliveries = mine(await otel.points('finhooks.deliveries'));
    const find = (outcome: string) => deliveries.find((p) => p.attributes['finhooks.outcome'] === outcome);
    expect(find('accepted')).toMatchObject({
      value: 1,
      attributes: { 'finhooks.event.type': 'transactions', 'http.response.status_code': 200 },
    });
    expect(find('duplicate')?.value).toBe(1);
    expect(find('refused')).toMatchObject({
      value: 1,
      attributes: { 'error.type': 'invalid_signature', 'http.response.status_code': 401 },
    });
    expect(mine(await otel.points('finhooks.signatures.refused'))).toEqual([
      { value: 1, attributes: { 'finhooks.provider': 'atelio', 'finhooks.instance': 'metrics-eu' } },
    ]);
    expect(mine(await otel.points('finhooks.handler.duration'))).toEqual([
      {
        value: 1,
        attributes: {
          'finhooks.provider': 'atelio',
          'finhooks.instance': 'metrics-eu',
          'finhooks.handler.pattern': 'transactions',
          'finhooks.event.type': 'transactions',
        },
      },
    ]);
    expect(mine(await otel.points('finhooks.delivery.duration')).reduce((n, p) => n + p.value, 0)).toBe(3);
    expect(mine(await otel.points('finhooks.claims.active'))).toEqual([
      { value: 0, attributes: { 'finhooks.provider': 'atelio', 'finhooks.instance': 'metrics-eu' } },
    ]);
  });
});

describe('openTelemetry() with the global providers', () => {
  it('an instance created before the SDK registers its providers still records spans and metrics', async () => {
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'early-instance',
      telemetry: openTelemetry(),
      on: { transactions: () => undefined },
    });
    trace.setGlobalTracerProvider(otel.tracerProvider);
    metrics.setGlobalMeterProvider(otel.meterProvider);
    try {
      const server = await serve(hooks);
      try {
        expect((await server.post(eventBody())).status).toBe(200);
      } finally {
        await server.close();
      }
      expect(only(otel.spans(), 'finhooks.delivery').attributes['finhooks.instance']).toBe('early-instance');
      const points = await otel.points('finhooks.deliveries');
      expect(points.filter((p) => p.attributes['finhooks.instance'] === 'early-instance')).toMatchObject([
        { value: 1, attributes: { 'finhooks.outcome': 'accepted' } },
      ]);
    } finally {
      trace.disable();
      metrics.disable();
    }
  });
});

describe('without the telemetry option', () => {
  it('records nothing, even with an SDK registered globally', async () => {
    trace.setGlobalTracerProvider(otel.tracerProvider);
    try {
      const hooks = createWebhooks({ provider: atelio({ secret: SECRET }), on: { transactions: () => undefined } });
      const server = await serve(hooks);
      try {
        expect((await server.post(eventBody())).status).toBe(200);
      } finally {
        await server.close();
      }
      expect(otel.spans().map((s) => s.name)).toEqual(['POST /webhooks']);
    } finally {
      trace.disable();
    }
  });

  it('only the opentelemetry entry imports @opentelemetry/api', () => {
    const dir = join(import.meta.dirname, '../src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importing = files.filter((f) => /from '@opentelemetry\//.test(readFileSync(join(dir, f), 'utf8')));
    expect(importing).toEqual(['opentelemetry.ts']);
  });

  it('`telemetry` that is not an implementation is a TypeError at construction', () => {
    expect(() => createWebhooks({ provider: atelio({ secret: SECRET }), telemetry: {} as never })).toThrow(
      /`telemetry` must be openTelemetry\(\)/,
    );
  });
});

describe('queue mode: the trace context travels with the event', () => {
  it('enqueue gets a W3C traceparent of the enqueue span; receive continues it in a CONSUMER span', async () => {
    const queued: { event: WebhookEvent; traceContext?: Readonly<Record<string, string>> }[] = [];
    const telemetry = openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider });
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      telemetry,
      queue: {
        async enqueue(event, options) {
          queued.push({ event, ...(options?.traceContext && { traceContext: options.traceContext }) });
        },
      },
      on: { transactions: () => undefined },
    });
    const server = await serve(hooks);
    try {
      expect((await server.post(eventBody())).status).toBe(200);
    } finally {
      await server.close();
    }
    const enqueueSpan = only(otel.spans(), 'finhooks.enqueue');
    const { traceId, spanId } = enqueueSpan.spanContext();
    expect(queued[0]!.traceContext).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

    otel.reset();
    await hooks.receive(queued[0]!.event, { traceContext: queued[0]!.traceContext });
    const spans = otel.spans();
    const processSpan = only(spans, 'finhooks.process');
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.spanContext().traceId).toBe(traceId);
    expect(processSpan.parentSpanContext?.spanId).toBe(spanId);
    expect(processSpan.attributes).toEqual({
      ...labels,
      'finhooks.instance': 'atelio',
      'finhooks.event.type': 'transactions',
      'messaging.operation.type': 'process',
    });
    expect(childrenOf(spans, processSpan).map((s) => s.name)).toEqual(['finhooks.handler']);
  });
});
