import type { DeliveryObserver } from './delivery.js';
import type { WebhookErrorCode } from './errors.js';
import type { WebhookEvent } from './event.js';
import type { CheckedPattern } from './event-names.js';
import type { AnyEventOf, AnyProvider, EventFor, EventType } from './provider.js';
import type { RawRequest, WebhookResponse } from './request.js';
import type { Handler, Router } from './router.js';
import type { StaleEventsOption, StaleGuard } from './stale.js';
import type { CloseOptions, CloseResult } from './lifecycle/close.js';
import type { HealthOptions, HealthReport } from './lifecycle/health.js';
import type { InFlight } from './lifecycle/in-flight.js';
import type { IdempotencyStore } from './store/types.js';
import type { EnqueueOptions, InstanceTelemetry, ReceiveOptions, WebhookTelemetry } from './telemetry.js';

/** What `onError` learns about a failed delivery: enough to log and alert on, nothing personal. */
export interface ErrorContext {
  readonly provider: string;
  /** The instance's `name` (default: the provider's name). */
  readonly instance: string;
  /** The HTTP status the delivery was answered with. */
  readonly status: number;
  readonly code: WebhookErrorCode;
  /** Known once the body was verified and identified. */
  readonly eventId?: string;
  readonly eventType?: string;
}

export type ErrorHandler = (error: Error, context: ErrorContext) => unknown;

/**
 * A pino-style logger: structured fields first, then the message (pino, and console-compatible
 * objects such as `{ error: (fields, msg) => console.error(msg, fields) }`). `warn` is optional.
 */
export interface WebhookLogger {
  error(fields: Record<string, unknown>, message: string): unknown;
  warn?(fields: Record<string, unknown>, message: string): unknown;
}

/**
 * Where queue mode puts verified events instead of running handlers in the request
 * (`@finhooks/redis` implements it with BullMQ). `enqueue` must resolve only once the event is durable.
 */
export interface WebhookQueue {
  /** `options.traceContext` (with `telemetry` only): store it with the event and pass it to `receive`. */
  enqueue(event: WebhookEvent, options?: EnqueueOptions): Promise<void>;
  /** Optional, for `webhooks.health()`: resolves when the queue's backend answers (see `HealthCheckable`). */
  health?(signal: AbortSignal): Promise<void>;
}

/**
 * Inbox mode: where verified, validated events are stored durably, de-duplicated by `key`
 * (`<instance name>:<event id>`, the store's key), before the provider gets its 2xx; workers run the
 * handlers later (`@finhooks/postgres` implements it in your database). `accept` resolves only once
 * the event is durable: `'stored'` the first time, `'duplicate'` for a redelivery. A rejection is
 * answered 503 with Retry-After. With an inbox the pipeline neither claims nor dispatches.
 */
export interface WebhookInbox {
  /** `options.traceContext` (with `telemetry` only): store it with the event and pass it to `receive`. */
  accept(key: string, event: WebhookEvent, options?: EnqueueOptions): Promise<'stored' | 'duplicate'>;
  /** Optional, for `webhooks.health()`: resolves when the inbox's database answers (see `HealthCheckable`). */
  health?(signal: AbortSignal): Promise<void>;
}

/**
 * A pattern: a catalogue type (autocompleted), a wildcard like `card.*` that matches catalogue types,
 * `*`, or `unknown:<type>` for a type the catalogue does not list yet. Anything else is a compile
 * error (see `CheckedPattern`) and a `TypeError` at registration.
 */
export type PatternOf<P extends AnyProvider> = EventType<P> | (string & {});

/**
 * The `on` option: pattern → handler, each handler typed by its pattern. A key no catalogue type
 * matches expects the error message type instead of a handler, so the misspelling fails to compile.
 */
export type HandlerMap<P extends AnyProvider, Patterns extends string> = {
  readonly [K in Patterns]: K extends CheckedPattern<P, K> ? Handler<EventFor<P, K>> : CheckedPattern<P, K>;
};

export interface WebhooksOptions<P extends AnyProvider, Patterns extends string = never> {
  /** `atomic({...})`, `moneyhub({...})`, `atelio({...})` or your `defineProvider(...)`. */
  readonly provider: P;
  /**
   * The instance's name: it prefixes every store key (`${name}:${eventId}`) and is reported to
   * `onError`. Default: the provider's name. Give each instance its own when several of one
   * provider share a store (e.g. `'atelio-eu'` and `'atelio-us'`): with the same name, an event of
   * one is a duplicate of the same-looking event of the other. 1–64 characters: letters, digits,
   * `.`, `_`, `-`, starting with a letter or digit.
   */
  readonly name?: string;
  /** Handlers by pattern; the same as calling `onEvent(pattern, handler)` for each. */
  readonly on?: HandlerMap<P, Patterns>;
  /** De-duplication store. Default: in memory, bounded, 72 h retention. */
  readonly store?: IdempotencyStore;
  /** Largest accepted body, bytes. Default 1 MiB (a Moneyhub event can carry 6000 transaction ids). */
  readonly bodyLimit?: number;
  /**
   * Time allowed for reading the whole request body, ms. Default 30 000. Past it the delivery is
   * answered 408 `body_timeout` and the connection closed, so a client dripping a byte every few
   * seconds cannot hold a connection and its buffer. 30 s is longer than any provider takes to
   * send up to `bodyLimit` (Moneyhub gives up on the whole delivery after 5 s) and ten times shorter
   * than Node's own `server.requestTimeout` (300 s).
   */
  readonly bodyTimeout?: number;
  /**
   * Called for every refused or failed delivery (4xx and 5xx). Without one, 5xx failures are printed
   * with `console.error`: finhooks' message, then each error a handler threw with its class and stack
   * frames, and its message unless `NODE_ENV` is `production` (see `formatErrorReport`).
   */
  readonly onError?: ErrorHandler;
  /**
   * Where refused and failed deliveries are logged, e.g. a pino logger: 5xx at `error`, 4xx at `warn`
   * (when the logger has one), with the `onError` context as fields (`provider`, `instance`,
   * `status`, `code`, `eventId`, `eventType`) and the default report as message (handler messages
   * hidden when `NODE_ENV` is `production`). Logged whether or not there is an `onError`. Default:
   * none, and 5xx are printed with `console.error` when there is no `onError` either.
   */
  readonly logger?: WebhookLogger;
  /**
   * Called once per delivery, accepted or refused, after its answer is decided (not awaited: see
   * `DeliveryObserver`). For audit trails, metrics and access logs.
   */
  readonly onDelivery?: DeliveryObserver;
  /** Queue mode: enqueue verified events and answer at once; workers run the handlers. */
  readonly queue?: WebhookQueue;
  /** Inbox mode: store verified events durably (de-duplicated) and answer at once; workers run the handlers. */
  readonly inbox?: WebhookInbox;
  /**
   * Stale-event guard, off by default. Per entity (a card, a transaction: the provider's rule, or
   * your `entityKey`), the store keeps the latest occurrence time received; an event that occurred
   * before it gets `event.stale: true` (`'mark'`) or is answered 200 without running its handlers
   * (`'skip'`). Needs a store with `markLatest`. See the README, "Stale events".
   */
  readonly staleEvents?: StaleEventsOption<AnyEventOf<P>>;
  /**
   * Traces and metrics: `openTelemetry()` from `@finhooks/core/opentelemetry`. Default none: nothing
   * telemetry-related is loaded or run.
   */
  readonly telemetry?: WebhookTelemetry;
}

/**
 * A webhooks instance. `Webhooks` without a type argument accepts an instance of any provider
 * (`Webhooks<AtelioProvider>` is not assignable to `Webhooks<AnyProvider>`: handler types depend on the
 * catalogue through conditional types, which TypeScript compares invariantly).
 */
export interface Webhooks<P extends AnyProvider = any> {
  readonly provider: P;
  /** The instance's name (option `name`, default the provider's name): the prefix of its store keys. */
  readonly name: string;
  readonly bodyLimit: number;
  /** Time allowed for reading the body, ms. */
  readonly bodyTimeout: number;
  readonly store: IdempotencyStore;
  readonly queue: WebhookQueue | undefined;
  readonly inbox: WebhookInbox | undefined;
  /**
   * Runs `handler` for events matching `pattern` (or any of several patterns): a catalogue type, a
   * wildcard where `*` matches any run of characters, or `unknown:<type>` for a type the catalogue
   * does not list yet. Returns a function that unsubscribes. A pattern no catalogue type matches
   * fails to compile and throws a `TypeError` (nothing is registered).
   */
  onEvent<const T extends PatternOf<P>>(
    pattern: CheckedPattern<P, T> | readonly CheckedPattern<P, T>[],
    handler: Handler<EventFor<P, T>>,
  ): () => void;
  /** Runs `handler` for every event, known or not. */
  onAny(handler: Handler<AnyEventOf<P>>): () => void;
  /** Observes every refused or failed delivery. */
  onError(handler: ErrorHandler): () => void;
  /** Observes every delivery once answered (see `DeliveryRecord`). Returns a function that unsubscribes. */
  onDelivery(observer: DeliveryObserver): () => void;
  /** Dispatches an already verified event (queue workers). Rejects with `HandlerError` if a handler threw. */
  receive(event: AnyEventOf<P> | WebhookEvent, options?: ReceiveOptions): Promise<void>;
  /** `handleRequest(this, request)`. */
  handle(request: RawRequest): Promise<WebhookResponse>;
  /**
   * Readiness: checks, each within `timeout`, what this instance needs to accept a delivery — the
   * store (not in inbox mode), the queue or inbox, the provider's key set — and whether it is
   * still accepting (`close()` makes it `down`). Never rejects. See `healthResponse` for a probe route.
   */
  health(options?: HealthOptions): Promise<HealthReport>;
  /**
   * Graceful shutdown: new deliveries are answered 503 `shutting_down` (with Retry-After) from now
   * on; resolves once those in flight finished, or at `timeout`, after giving up on the rest (their
   * claims released, answered 503, so the provider's retry runs them again). Does not close the
   * store, queue or inbox (yours). Calling it again returns the same promise.
   */
  close(options?: CloseOptions): Promise<CloseResult>;
}

/**
 * What the pipeline works with, kept off the public `Webhooks` type: the instance builds it,
 * the pipeline and the workers (through `reportFailure`) read it, and nothing calls back into the
 * instance's methods.
 */
export interface InstanceState {
  readonly provider: AnyProvider;
  readonly name: string;
  readonly bodyLimit: number;
  readonly bodyTimeout: number;
  readonly store: IdempotencyStore;
  readonly queue: WebhookQueue | undefined;
  readonly inbox: WebhookInbox | undefined;
  /** `staleEvents`, checked; undefined when off. */
  readonly staleGuard?: StaleGuard | undefined;
  readonly router: Router;
  readonly errorHandlers: ErrorHandler[];
  readonly logger: WebhookLogger | undefined;
  /** Empty when nobody observes: the pipeline then builds no `DeliveryRecord`. */
  readonly deliveryObservers: DeliveryObserver[];
  /** Undefined without the `telemetry` option: the pipeline then records nothing. */
  readonly telemetry?: InstanceTelemetry | undefined;
  /** Deliveries in flight, for `close()`. */
  readonly inFlight: InFlight;
}

/**
 * The key under which an instance holds its state. `Symbol.for`, not a module-private WeakMap: an
 * app loading core twice (its ESM and its CommonJS build, e.g. an ESM app with a CommonJS adapter)
 * must still be able to hand an instance made by one copy to the pipeline of the other.
 */
const STATE = Symbol.for('@finhooks/core.instance-state');

/** Attaches `state` to `instance` (non-enumerable: it stays out of logs and spreads). */
export function attachState<T extends object>(instance: T, state: InstanceState): T {
  Object.defineProperty(instance, STATE, { value: state, enumerable: false });
  return instance;
}

/** Whether `value` carries an instance state, i.e. was made by `createWebhooks`. */
export function hasState(value: unknown): boolean {
  return typeof value === 'object' && value !== null && STATE in value;
}

/** The state of an instance made by `createWebhooks`; a `TypeError` for anything else. */
export function stateOf(instance: Webhooks, caller: string): InstanceState {
  const state = hasState(instance) ? (instance as unknown as Record<symbol, InstanceState>)[STATE] : undefined;
  if (!state) throw new TypeError(`${caller}: expected a webhooks instance made by createWebhooks({...}).`);
  return state;
}
