import type { DeliveryObserver, DeliveryRecord } from './delivery.js';
import { formatErrorReport } from './error-report.js';
import { DependencyUnavailableError, type WebhookErrorCode } from './errors.js';
import { assertPositiveInteger } from './options.js';
import type { WebhookEvent } from './event.js';
import { type CheckedPattern, eventNameChecker } from './event-names.js';
import { handleRequest, type WebhookResponse } from './handle.js';
import { assertInstanceName } from './identity.js';
import type { AnyEventOf, AnyProvider, EventFor, EventType } from './provider.js';
import type { RawRequest } from './request.js';
import { type Handler, Router } from './router.js';
import { memoryStore } from './store/memory.js';
import type { IdempotencyStore } from './store/types.js';

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
 * Where queue mode puts verified events instead of running handlers in the request
 * (`@finhooks/redis` implements it with BullMQ). `enqueue` must resolve only once the event is durable.
 */
export interface WebhookQueue {
  enqueue(event: WebhookEvent): Promise<void>;
}

/**
 * Inbox mode: where verified, validated events are stored durably, de-duplicated by `key`
 * (`<instance name>:<event id>`, the store's key), before the provider gets its 2xx; workers run the
 * handlers later (`@finhooks/postgres` implements it in your database). `accept` resolves only once
 * the event is durable: `'stored'` the first time, `'duplicate'` for a redelivery. A rejection is
 * answered 503 with Retry-After. With an inbox the pipeline neither claims nor dispatches.
 */
export interface WebhookInbox {
  accept(key: string, event: WebhookEvent): Promise<'stored' | 'duplicate'>;
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
   * Called once per delivery, accepted or refused, after its answer is decided (not awaited: see
   * `DeliveryObserver`). For audit trails, metrics and access logs.
   */
  readonly onDelivery?: DeliveryObserver;
  /** Queue mode: enqueue verified events and answer at once; workers run the handlers. */
  readonly queue?: WebhookQueue;
  /** Inbox mode: store verified events durably (de-duplicated) and answer at once; workers run the handlers. */
  readonly inbox?: WebhookInbox;
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
  /** Internal: whether any delivery observer is registered (the pipeline builds no record otherwise). */
  readonly observesDeliveries: boolean;
  /** Internal: tells the delivery observers. */
  reportDelivery(record: DeliveryRecord): void;
  /** Dispatches an already verified event (queue workers). Rejects with `HandlerError` if a handler threw. */
  receive(event: AnyEventOf<P> | WebhookEvent): Promise<void>;
  /** `handleRequest(this, request)`. */
  handle(request: RawRequest): Promise<WebhookResponse>;
  /** Internal: reports a failure to the `onError` handlers. */
  reportError(error: Error, context: ErrorContext): void;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/**
 * Creates the webhook receiver for one provider: its handlers, store and limits. Mount it with an
 * adapter (`@finhooks/express`, `…/koa`, `…/fastify`, `…/next`) or call `handleRequest` yourself.
 */
export function createWebhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: WebhooksOptions<P, Patterns>,
): Webhooks<P> {
  if (typeof options !== 'object' || options === null || typeof options.provider?.verify !== 'function') {
    throw new TypeError(
      'createWebhooks: `provider` is required: atomic({…}), moneyhub({…}), atelio({…}) or defineProvider({…}).',
    );
  }
  assertPositiveInteger('createWebhooks', 'bodyLimit', options.bodyLimit, 'bytes');
  assertPositiveInteger('createWebhooks', 'bodyTimeout', options.bodyTimeout, 'milliseconds');
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError('createWebhooks: `onError` must be a function.');
  }
  if (options.onDelivery !== undefined && typeof options.onDelivery !== 'function') {
    throw new TypeError('createWebhooks: `onDelivery` must be a function.');
  }
  const { provider } = options;
  const name = options.name ?? provider.name;
  assertInstanceName(name, options.name === undefined);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const bodyTimeout = options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT_MS;
  const catalogTypes = Object.keys(provider.catalog);
  const known = new Set(catalogTypes);
  const router = new Router((type) => known.has(type));
  const checkPattern = eventNameChecker(provider.name, catalogTypes);
  /** Checks every pattern before registering any, so a rejected list registers nothing. */
  const register = (patterns: readonly unknown[], handler: Handler): (() => void) => {
    const routed = patterns.map(checkPattern);
    const offs = routed.map((pattern) => router.on(pattern, handler));
    return () => {
      for (const off of offs) off();
    };
  };
  if (options.queue && options.inbox) {
    throw new TypeError('queue and inbox are two ways of deferring handlers: pass one of them, not both.');
  }
  const errorHandlers: ErrorHandler[] = options.onError ? [options.onError] : [];
  const deliveryObservers: DeliveryObserver[] = options.onDelivery ? [options.onDelivery] : [];

  const webhooks: Webhooks<P> = {
    provider,
    name,
    bodyLimit,
    bodyTimeout,
    store: options.store ?? memoryStore(),
    queue: options.queue,
    inbox: options.inbox,
    onEvent(pattern, handler) {
      return register(Array.isArray(pattern) ? pattern : [pattern], handler as Handler);
    },
    onAny(handler) {
      return router.onAny(handler as Handler);
    },
    onError(handler) {
      errorHandlers.push(handler);
      return () => {
        const index = errorHandlers.indexOf(handler);
        if (index !== -1) errorHandlers.splice(index, 1);
      };
    },
    onDelivery(observer) {
      if (typeof observer !== 'function') throw new TypeError('onDelivery: the observer must be a function.');
      deliveryObservers.push(observer);
      return () => {
        const index = deliveryObservers.indexOf(observer);
        if (index !== -1) deliveryObservers.splice(index, 1);
      };
    },
    get observesDeliveries() {
      return deliveryObservers.length > 0;
    },
    reportDelivery(record) {
      for (const observer of deliveryObservers) {
        try {
          const result = observer(record);
          if (result instanceof Promise) result.catch(() => undefined);
        } catch {
          // An observer that throws must not change the answer to the provider.
        }
      }
    },
    receive(event) {
      return router.dispatch(event as WebhookEvent);
    },
    handle(request) {
      return handleRequest(webhooks, request);
    },
    reportError(error, context) {
      if (errorHandlers.length === 0) {
        // Without an onError, server-side failures must not vanish; 4xx are the sender's problem.
        if (context.status >= 500 && !(error instanceof DependencyUnavailableError && error.logged)) {
          console.error(formatErrorReport(error, context));
        }
        return;
      }
      for (const handler of errorHandlers) {
        try {
          const result = handler(error, context);
          if (result instanceof Promise) result.catch(() => undefined);
        } catch {
          // An error observer that throws must not change the answer to the provider.
        }
      }
    },
  };

  for (const [pattern, handler] of Object.entries(options.on ?? {})) {
    register([pattern], handler as Handler);
  }
  return webhooks;
}

/** Whether `value` is an instance made by `createWebhooks` (adapters accept one or options). */
export function isWebhooks(value: unknown): value is Webhooks {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Webhooks).handle === 'function' &&
    typeof (value as Webhooks).onEvent === 'function'
  );
}

/** An existing instance handed to an adapter together with mount options (`{ path, webhooks }`). */
export interface WithWebhooks<P extends AnyProvider> {
  readonly webhooks: Webhooks<P>;
}

/**
 * What every adapter does with its argument: use an existing instance as is (so one set of handlers
 * can be mounted in two frameworks), given alone or as `{ webhooks: instance, ...mountOptions }`, or
 * create one from options.
 */
export function resolveWebhooks<P extends AnyProvider, const Patterns extends string = never>(
  input: Webhooks<P> | WithWebhooks<P> | WebhooksOptions<P, Patterns>,
): Webhooks<P> {
  if (isWebhooks(input)) return input as Webhooks<P>;
  if ('webhooks' in input && isWebhooks(input.webhooks)) return input.webhooks;
  return createWebhooks(input as WebhooksOptions<P, Patterns>);
}

/** The registry part of an instance that adapters expose on what they return (middleware, plugin, route handlers). */
export type WebhooksRegistry<P extends AnyProvider> = Pick<
  Webhooks<P>,
  'onEvent' | 'onAny' | 'onError' | 'onDelivery'
> & {
  /** The underlying instance, e.g. to mount the same handlers in another framework. */
  readonly webhooks: Webhooks<P>;
};

/** Gives an adapter's middleware or handlers the instance's registry: `.onEvent`, `.onAny`, `.onError`, `.webhooks`. */
export function withRegistry<T extends object, P extends AnyProvider>(
  target: T,
  instance: Webhooks<P>,
): T & WebhooksRegistry<P> {
  return Object.assign(target, {
    webhooks: instance,
    onEvent: instance.onEvent,
    onAny: instance.onAny,
    onError: instance.onError,
    onDelivery: instance.onDelivery,
  });
}
