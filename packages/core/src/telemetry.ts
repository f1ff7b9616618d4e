import type { WebhookEvent } from './event.js';
import type { Handler } from './router.js';

/**
 * A trace context as text headers (W3C `traceparent`/`tracestate`): what travels with a queued job
 * or an inbox row so its worker continues the delivery's trace. Plain strings, so queues and
 * inboxes carry it without depending on `@opentelemetry/api`.
 */
export type TraceCarrier = Readonly<Record<string, string>>;

/** Which part of a delivery a step span covers (see `openTelemetry` in `@finhooks/core/opentelemetry`). */
export type DeliveryStep = 'verify' | 'validate' | 'claim' | 'inbox.accept';

/** What the pipeline tells telemetry about one delivery. Created only when `telemetry` is set. */
export interface DeliveryTelemetry {
  /** Ends the step running (if any) and starts `step`. */
  step(step: DeliveryStep): void;
  /** The event is verified and identified: its type is known from signed bytes. */
  identified(event: Pick<WebhookEvent, 'type' | 'known'>): void;
  /**
   * Ends the step running and runs `work` (enqueueing, or the handlers) while the claim is held,
   * in a step of its own that is the active context, so the handlers' spans are its children.
   */
  hold<T>(step: 'enqueue' | 'dispatch', work: () => Promise<T>): Promise<T>;
  /** The running step's context, for the queue or the inbox to store with the event. */
  carrier(): TraceCarrier | undefined;
  /** The delivery failed with `error` (a `WebhookError`'s `code` is recorded, never its message). */
  failed(error: { readonly code: string; readonly status: number }): void;
  /** The answer: ends the running step and the delivery. */
  end(status: number, duplicate: boolean): void;
}

/** Telemetry bound to one instance (its provider and name label everything it records). */
export interface InstanceTelemetry {
  delivery(): DeliveryTelemetry;
  /** Wraps a handler at registration: a span and a duration per run, labelled with its pattern. */
  handler(pattern: string, handler: Handler): Handler;
  /** A worker runs an event's handlers: continues the trace in `carrier` (the delivery's). */
  process<T>(event: WebhookEvent, carrier: TraceCarrier | undefined, work: () => Promise<T>): Promise<T>;
}

/**
 * The `telemetry` option of `createWebhooks`: `openTelemetry()` from `@finhooks/core/opentelemetry`
 * (or your own implementation of this interface). Core calls only this interface, so without the
 * option nothing telemetry-related is loaded and the pipeline pays one `undefined` check.
 */
export interface WebhookTelemetry {
  /** Called once by `createWebhooks`. */
  instance(labels: { readonly provider: string; readonly instance: string }): InstanceTelemetry;
}

/** Options a worker passes to `receive`: the trace context stored with the event. */
export interface ReceiveOptions {
  readonly traceContext?: TraceCarrier | undefined;
}

/** Options the pipeline passes to `WebhookQueue.enqueue` and `WebhookInbox.accept`. */
export interface EnqueueOptions {
  /** Set only when the instance has `telemetry`: store it with the event, hand it to `receive`. */
  readonly traceContext?: TraceCarrier | undefined;
}

/** A carrier read back from storage: a plain object of strings, or undefined (anything else is dropped). */
export function traceCarrierFrom(value: unknown): TraceCarrier | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter(
    ([key, v]) => typeof v === 'string' && v.length <= 512 && key.length <= 64,
  );
  return entries.length > 0 && entries.length <= 8 ? (Object.fromEntries(entries) as TraceCarrier) : undefined;
}
