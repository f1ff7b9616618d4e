/**
 * `@finhooks/core/opentelemetry`: traces and metrics through `@opentelemetry/api` (an optional peer
 * dependency: only this entry imports it, so an app that does not opt in neither loads nor bundles
 * it). `createWebhooks({ provider, telemetry: openTelemetry() })`. See the README's "OpenTelemetry".
 */
import {
  type Attributes,
  type Context,
  context,
  type Counter,
  type Histogram,
  type MeterProvider,
  metrics,
  type ObservableResult,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
  type TracerProvider,
  type UpDownCounter,
} from '@opentelemetry/api';
import type { DeliveryOutcome } from './delivery.js';
import type { WebhookEvent } from './event.js';
import type { Handler } from './router.js';
import type {
  DeliveryStep,
  DeliveryTelemetry,
  InstanceTelemetry,
  TraceCarrier,
  WebhookTelemetry,
} from './telemetry.js';

export interface OpenTelemetryOptions {
  /** Default: the global one (`trace.getTracerProvider()`, set by your SDK). */
  readonly tracerProvider?: TracerProvider;
  /** Default: the global one (`metrics.getMeterProvider()`). */
  readonly meterProvider?: MeterProvider;
}

/** The instrumentation scope of every span and instrument. */
export const INSTRUMENTATION_SCOPE = '@finhooks/core';

/**
 * Attribute keys. Only what finhooks decides or the signed event's routing carries: never a payload
 * value, a header value, a secret, an error message, nor the event id (Atelio's ids are derived
 * from its customers' entity ids).
 */
export const ATTR = {
  provider: 'finhooks.provider',
  instance: 'finhooks.instance',
  eventType: 'finhooks.event.type',
  outcome: 'finhooks.outcome',
  duplicate: 'finhooks.duplicate',
  pattern: 'finhooks.handler.pattern',
  status: 'http.response.status_code',
  errorType: 'error.type',
} as const;

/** Metric attribute for an event type the catalogue does not list (anyone may pick one in Moneyhub's unsigned mode: unbounded). */
export const OTHER_TYPE = '_OTHER';

// Seconds, from 1 ms: handlers and deliveries are mostly short, a slow one is what you look for.
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * OpenTelemetry for `createWebhooks({ telemetry })`: one INTERNAL span per delivery (child of the
 * active context, i.e. your HTTP instrumentation's SERVER span), a child per step (verify, validate,
 * claim or inbox.accept, enqueue or dispatch) and per handler run; queue and inbox workers continue
 * the trace in a CONSUMER span. Metrics: `finhooks.deliveries`, `finhooks.delivery.duration`,
 * `finhooks.handler.duration`, `finhooks.claims.active`, `finhooks.signatures.refused`.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): WebhookTelemetry {
  // Made at the first delivery, not here: an app creating its instance before its SDK starts would
  // otherwise keep the no-op meter for good (the global meter provider is not a proxy; the tracer's is).
  let made: Instruments | undefined;
  const instruments = () => (made ??= createInstruments(options));
  return {
    instance({ provider, instance }) {
      return instanceTelemetry(instruments, { [ATTR.provider]: provider, [ATTR.instance]: instance });
    },
  };
}

function createInstruments(options: OpenTelemetryOptions): Instruments {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_SCOPE);
  const instruments: Instruments = {
    tracer,
    deliveries: meter.createCounter('finhooks.deliveries', {
      description: 'Deliveries answered, by outcome (accepted, duplicate, refused, failed).',
      unit: '{delivery}',
    }),
    deliveryDuration: meter.createHistogram('finhooks.delivery.duration', {
      description: 'Time from a delivery reaching the pipeline to its answer.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    handlerDuration: meter.createHistogram('finhooks.handler.duration', {
      description: 'Duration of one handler run (in the request or in a worker).',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    activeClaims: meter.createUpDownCounter('finhooks.claims.active', {
      description: 'Deliveries holding their claim: handlers running or event being enqueued.',
      unit: '{claim}',
    }),
    refusedSignatures: meter.createCounter('finhooks.signatures.refused', {
      description: 'Deliveries refused by signature verification (missing, invalid, stale).',
      unit: '{delivery}',
    }),
  };
  return instruments;
}

interface Instruments {
  readonly tracer: Tracer;
  readonly deliveries: Counter;
  readonly deliveryDuration: Histogram;
  readonly handlerDuration: Histogram;
  readonly activeClaims: UpDownCounter;
  readonly refusedSignatures: Counter;
}

/**
 * Attribute sets are built once per distinct combination and reused: a delivery allocates none (an
 * object spread with these dotted keys costs microseconds, more than the no-op API itself). Every
 * part of a key is bounded (catalogue types, `_OTHER`, finhooks codes, error class names).
 */
function attributeCache(): (key: string, build: () => Attributes) => Attributes {
  const cache = new Map<string, Attributes>();
  return (key, build) => {
    let attributes = cache.get(key);
    if (!attributes) {
      // A bound in case a custom error class name is generated: past it, built each time.
      attributes = build();
      if (cache.size < 1024) cache.set(key, attributes);
    }
    return attributes;
  };
}

function instanceTelemetry(instruments: () => Instruments, labels: Attributes): InstanceTelemetry {
  const cached = attributeCache();
  const processOptions = { kind: SpanKind.CONSUMER, attributes: { ...labels, 'messaging.operation.type': 'process' } };
  return {
    delivery: () => new Delivery(instruments(), labels, cached),
    handler(pattern: string, handler: Handler): Handler {
      const spanOptions = { kind: SpanKind.INTERNAL, attributes: { ...labels, [ATTR.pattern]: pattern } };
      const metricAttributes = (type: string, errorType: string | undefined) =>
        cached(`handler\0${pattern}\0${type}\0${errorType ?? ''}`, () => ({
          ...labels,
          [ATTR.pattern]: pattern,
          [ATTR.eventType]: type,
          ...(errorType !== undefined && { [ATTR.errorType]: errorType }),
        }));
      return (event) => {
        const { tracer, handlerDuration } = instruments();
        const parent = context.active();
        const span = tracer.startSpan('finhooks.handler', spanOptions, parent);
        span.setAttribute(ATTR.eventType, event.type);
        const started = performance.now();
        const done = (errorType?: string) => {
          handlerDuration.record((performance.now() - started) / 1000, metricAttributes(metricType(event), errorType));
          if (errorType) failSpan(span, errorType);
          span.end();
        };
        return context
          .with(trace.setSpan(parent, span), async () => handler(event))
          .then(
            (value) => {
              done();
              return value;
            },
            (error: unknown) => {
              done(errorClass(error));
              throw error;
            },
          );
      };
    },
    async process<T>(event: WebhookEvent, carrier: TraceCarrier | undefined, work: () => Promise<T>): Promise<T> {
      const parent = carrier ? propagation.extract(context.active(), carrier) : context.active();
      const span = instruments().tracer.startSpan('finhooks.process', processOptions, parent);
      span.setAttribute(ATTR.eventType, event.type);
      try {
        return await context.with(trace.setSpan(parent, span), work);
      } catch (error) {
        failSpan(span, errorCode(error) ?? errorClass(error));
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

/**
 * One delivery: its span, the step running, what the metrics need. Steps are explicit children of
 * the delivery span; only `hold` makes its step the active context (handlers run in it).
 */
class Delivery implements DeliveryTelemetry {
  readonly #instruments: Instruments;
  readonly #labels: Attributes;
  readonly #cached: ReturnType<typeof attributeCache>;
  readonly #span: Span;
  readonly #context: Context;
  readonly #started = performance.now();
  #step: Span | undefined;
  #stepName: DeliveryStep | 'enqueue' | 'dispatch' | undefined;
  #type: string | undefined;
  #code: string | undefined;

  constructor(instruments: Instruments, labels: Attributes, cached: ReturnType<typeof attributeCache>) {
    this.#instruments = instruments;
    this.#labels = labels;
    this.#cached = cached;
    const parent = context.active();
    this.#span = instruments.tracer.startSpan(
      'finhooks.delivery',
      { kind: SpanKind.INTERNAL, attributes: labels },
      parent,
    );
    this.#context = trace.setSpan(parent, this.#span);
  }

  step(step: DeliveryStep): void {
    this.#startStep(step);
  }

  identified(event: Pick<WebhookEvent, 'type' | 'known'>): void {
    this.#span.setAttribute(ATTR.eventType, event.type);
    this.#type = metricType(event);
  }

  async hold<T>(step: 'enqueue' | 'dispatch', work: () => Promise<T>): Promise<T> {
    const span = this.#startStep(step);
    const { activeClaims } = this.#instruments;
    activeClaims.add(1, this.#labels);
    try {
      const result = await context.with(trace.setSpan(this.#context, span), work);
      this.#endStep();
      return result;
    } finally {
      activeClaims.add(-1, this.#labels);
    }
  }

  carrier(): TraceCarrier | undefined {
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(this.#context, this.#step ?? this.#span), carrier);
    return Object.keys(carrier).length > 0 ? carrier : undefined;
  }

  failed(error: { readonly code: string; readonly status: number }): void {
    this.#code = error.code;
    if (this.#stepName === 'verify' && error.status < 500) this.#instruments.refusedSignatures.add(1, this.#labels);
    if (this.#step) failSpan(this.#step, error.code);
    this.#endStep();
  }

  end(status: number, duplicate: boolean): void {
    this.#endStep();
    const outcome: DeliveryOutcome =
      status >= 500 ? 'failed' : status >= 400 ? 'refused' : duplicate ? 'duplicate' : 'accepted';
    const type = this.#type;
    const code = this.#code;
    const attributes = this.#cached(`delivery\0${outcome}\0${status}\0${type ?? ''}\0${code ?? ''}`, () => ({
      ...this.#labels,
      [ATTR.outcome]: outcome,
      [ATTR.status]: status,
      ...(type !== undefined && { [ATTR.eventType]: type }),
      ...(code !== undefined && { [ATTR.errorType]: code }),
    }));
    this.#instruments.deliveries.add(1, attributes);
    this.#instruments.deliveryDuration.record((performance.now() - this.#started) / 1000, attributes);
    const span = this.#span;
    span.setAttribute(ATTR.outcome, outcome);
    span.setAttribute(ATTR.status, status);
    span.setAttribute(ATTR.duplicate, duplicate);
    if (this.#code !== undefined) span.setAttribute(ATTR.errorType, this.#code);
    // As for HTTP servers: a refusal (4xx) is the sender's problem, not an error of this service.
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: this.#code ?? String(status) });
    span.end();
  }

  #startStep(name: DeliveryStep | 'enqueue' | 'dispatch'): Span {
    this.#endStep();
    this.#stepName = name;
    this.#step = this.#instruments.tracer.startSpan(
      STEP_NAMES[name],
      { kind: SpanKind.INTERNAL, attributes: this.#labels },
      this.#context,
    );
    return this.#step;
  }

  #endStep(): void {
    this.#step?.end();
    this.#step = undefined;
  }
}

const STEP_NAMES = {
  verify: 'finhooks.verify',
  validate: 'finhooks.validate',
  claim: 'finhooks.claim',
  'inbox.accept': 'finhooks.inbox.accept',
  enqueue: 'finhooks.enqueue',
  dispatch: 'finhooks.dispatch',
} as const;

/** Error status with a type, never a message: a handler's may quote the payload. */
function failSpan(span: Span, errorType: string): void {
  span.setAttribute(ATTR.errorType, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}

/** The thrown value's class name (code, not data), `_OTHER` for a non-Error. */
function errorClass(error: unknown): string {
  return error instanceof Error ? error.constructor.name || 'Error' : OTHER_TYPE;
}

/** A finhooks error's `code` (e.g. `handler_failed`), when it has one. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : undefined;
}

function metricType(event: Pick<WebhookEvent, 'type' | 'known'>): string {
  return event.known ? event.type : OTHER_TYPE;
}

/** What `observeQueueDepth` reads: `redisQueue(…)` and `postgresInbox(…)` have it. */
export interface QueueDepthSource {
  /** Events received and not yet handled (waiting, or scheduled for a retry). */
  depth(): Promise<number>;
}

export interface QueueDepthOptions {
  /** The `finhooks.queue` attribute: which queue or inbox this is. Default `'default'`. */
  readonly name?: string;
  /** Default: the global one. Call `observeQueueDepth` after your SDK started, or pass it. */
  readonly meterProvider?: MeterProvider;
}

/**
 * The `finhooks.queue.depth` gauge: events received and not yet handled in a BullMQ queue or a
 * PostgreSQL inbox, read (one count query) only when your metric reader collects, never per
 * delivery. A failing read reports no point for that collection rather than a wrong one. Returns a
 * function that stops observing.
 */
export function observeQueueDepth(source: QueueDepthSource, options: QueueDepthOptions = {}): () => void {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_SCOPE);
  const gauge = meter.createObservableGauge('finhooks.queue.depth', {
    description: 'Events received and not yet handled (waiting or scheduled for a retry) in the queue or inbox.',
    unit: '{event}',
  });
  const attributes = { 'finhooks.queue': options.name ?? 'default' };
  const observe = async (result: ObservableResult) => {
    try {
      result.observe(await source.depth(), attributes);
    } catch {
      // Unreachable backend: no point this time (health() and the delivery answers report it).
    }
  };
  gauge.addCallback(observe);
  return () => gauge.removeCallback(observe);
}
