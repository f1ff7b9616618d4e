import type { WebhookErrorCode } from './errors.js';
import type { WebhookEvent } from './event.js';
import { handleRequest, type WebhookResponse } from './handle.js';
import type { AnyEventOf, AnyProvider, EventFor, EventType } from './provider.js';
import type { RawRequest } from './request.js';
import { type Handler, Router } from './router.js';
import { memoryStore } from './store/memory.js';
import type { IdempotencyStore } from './store/types.js';

/** What `onError` learns about a failed delivery: enough to log and alert on, nothing personal. */
export interface ErrorContext {
  readonly provider: string;
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
 * (`<provider>:<event id>`, the store's key), before the provider gets its 2xx; workers run the
 * handlers later (`@finhooks/postgres` implements it in your database). `accept` resolves only once
 * the event is durable: `'stored'` the first time, `'duplicate'` for a redelivery. A rejection is
 * answered 503 with Retry-After. With an inbox the pipeline neither claims nor dispatches.
 */
export interface WebhookInbox {
  accept(key: string, event: WebhookEvent): Promise<'stored' | 'duplicate'>;
}

/** A pattern: a catalogue type (autocompleted), a wildcard like `card.*`, or any other type name. */
export type PatternOf<P extends AnyProvider> = EventType<P> | (string & {});

/** The `on` option: pattern → handler, each handler typed by its pattern. */
export type HandlerMap<P extends AnyProvider, Patterns extends string> = {
  readonly [K in Patterns]: Handler<EventFor<P, K>>;
};

export interface WebhooksOptions<P extends AnyProvider, Patterns extends string = never> {
  /** `atomic({...})`, `moneyhub({...})`, `atelio({...})` or your `defineProvider(...)`. */
  readonly provider: P;
  /** Handlers by pattern; the same as calling `onEvent(pattern, handler)` for each. */
  readonly on?: HandlerMap<P, Patterns>;
  /** De-duplication store. Default: in memory, bounded, 72 h retention. */
  readonly store?: IdempotencyStore;
  /** Largest accepted body, bytes. Default 1 MiB (a Moneyhub event can carry 6000 transaction ids). */
  readonly bodyLimit?: number;
  /** Called for every refused or failed delivery (4xx and 5xx). */
  readonly onError?: ErrorHandler;
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
  readonly bodyLimit: number;
  readonly store: IdempotencyStore;
  readonly queue: WebhookQueue | undefined;
  readonly inbox: WebhookInbox | undefined;
  /**
   * Runs `handler` for events matching `pattern` (or any of several patterns): an exact type,
   * or a wildcard where `*` matches any run of characters. Returns a function that unsubscribes.
   */
  onEvent<const T extends PatternOf<P>>(pattern: T | readonly T[], handler: Handler<EventFor<P, T>>): () => void;
  /** Runs `handler` for every event, known or not. */
  onAny(handler: Handler<AnyEventOf<P>>): () => void;
  /** Observes every refused or failed delivery. */
  onError(handler: ErrorHandler): () => void;
  /** Dispatches an already verified event (queue workers). Rejects with `HandlerError` if a handler threw. */
  receive(event: AnyEventOf<P> | WebhookEvent): Promise<void>;
  /** `handleRequest(this, request)`. */
  handle(request: RawRequest): Promise<WebhookResponse>;
  /** Internal: reports a failure to the `onError` handlers. */
  reportError(error: Error, context: ErrorContext): void;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Creates the webhook receiver for one provider: its handlers, store and limits. Mount it with an
 * adapter (`@finhooks/express`, `…/koa`, `…/fastify`, `…/next`) or call `handleRequest` yourself.
 */
export function createWebhooks<P extends AnyProvider, const Patterns extends string = never>(
  options: WebhooksOptions<P, Patterns>,
): Webhooks<P> {
  const { provider } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isInteger(bodyLimit) || bodyLimit <= 0) {
    throw new TypeError(`bodyLimit must be a positive integer number of bytes, got ${String(options.bodyLimit)}.`);
  }
  if (options.queue && options.inbox) {
    throw new TypeError('queue and inbox are two ways of deferring handlers: pass one of them, not both.');
  }
  const catalogTypes = new Set(Object.keys(provider.catalog));
  const router = new Router((type) => catalogTypes.has(type));
  const errorHandlers: ErrorHandler[] = options.onError ? [options.onError] : [];

  const webhooks: Webhooks<P> = {
    provider,
    bodyLimit,
    store: options.store ?? memoryStore(),
    queue: options.queue,
    inbox: options.inbox,
    onEvent(pattern, handler) {
      const patterns: readonly string[] = typeof pattern === 'string' ? [pattern] : pattern;
      const offs = patterns.map((p) => router.on(p, handler as Handler));
      return () => {
        for (const off of offs) off();
      };
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
    receive(event) {
      return router.dispatch(event as WebhookEvent);
    },
    handle(request) {
      return handleRequest(webhooks, request);
    },
    reportError(error, context) {
      if (errorHandlers.length === 0) {
        // Without an onError, server-side failures must not vanish; 4xx are the sender's problem.
        if (context.status >= 500) console.error(`[finhooks] ${context.provider}: ${error.message}`);
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
    router.on(pattern, handler as Handler);
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
export type WebhooksRegistry<P extends AnyProvider> = Pick<Webhooks<P>, 'onEvent' | 'onAny' | 'onError'> & {
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
  });
}
