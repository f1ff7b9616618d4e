import type { DeliveryObserver } from './delivery.js';
import type { WebhookEvent } from './event.js';
import { eventNameChecker } from './event-names.js';
import { assertInstanceName } from './identity.js';
import { attachState, type ErrorHandler, type InstanceState, type Webhooks, type WebhooksOptions } from './instance.js';
import { assertPositiveInteger } from './options.js';
import { handleRequest } from './pipeline.js';
import type { AnyProvider } from './provider.js';
import { type Handler, Router } from './router.js';
import { staleGuard } from './stale.js';
import { memoryStore } from './store/memory.js';
import { type CloseResult, closeDeliveries } from './lifecycle/close.js';
import { instanceHealth } from './lifecycle/instance-health.js';
import { InFlight } from './lifecycle/in-flight.js';

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
  if (options.logger !== undefined && typeof options.logger?.error !== 'function') {
    throw new TypeError(
      'createWebhooks: `logger` must have an `error(fields, message)` method (pino and console-style loggers do).',
    );
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
  if (options.telemetry !== undefined && typeof options.telemetry?.instance !== 'function') {
    throw new TypeError('createWebhooks: `telemetry` must be openTelemetry() from @finhooks/core/opentelemetry.');
  }
  const telemetry = options.telemetry?.instance({ provider: provider.name, instance: name });
  // With telemetry each handler is wrapped once, at registration: the router and dispatch stay as they are.
  const traced = (pattern: string, handler: Handler): Handler =>
    telemetry ? telemetry.handler(pattern, handler) : handler;
  const register = (patterns: readonly unknown[], handler: Handler): (() => void) => {
    const routed = patterns.map(checkPattern);
    const offs = routed.map((pattern) => router.on(pattern, traced(pattern, handler)));
    return () => {
      for (const off of offs) off();
    };
  };
  if (options.queue && options.inbox) {
    throw new TypeError('queue and inbox are two ways of deferring handlers: pass one of them, not both.');
  }
  const errorHandlers: ErrorHandler[] = options.onError ? [options.onError] : [];
  const deliveryObservers: DeliveryObserver[] = options.onDelivery ? [options.onDelivery] : [];

  const store = options.store ?? memoryStore();
  const state: InstanceState = {
    provider,
    name,
    bodyLimit,
    bodyTimeout,
    store,
    staleGuard: staleGuard(options.staleEvents, provider, store),
    queue: options.queue,
    inbox: options.inbox,
    router,
    errorHandlers,
    logger: options.logger,
    deliveryObservers,
    telemetry,
    inFlight: new InFlight(),
  };
  let closed: Promise<CloseResult> | undefined;

  // The pipeline reads `state`; these methods only register into it (see instance.ts).
  const webhooks: Webhooks<P> = {
    provider,
    name,
    bodyLimit,
    bodyTimeout,
    store: state.store,
    queue: state.queue,
    inbox: state.inbox,
    onEvent(pattern, handler) {
      return register(Array.isArray(pattern) ? pattern : [pattern], handler as Handler);
    },
    onAny(handler) {
      return router.onAny(traced('*', handler as Handler));
    },
    onError(handler) {
      if (typeof handler !== 'function') throw new TypeError('onError: the handler must be a function.');
      errorHandlers.push(handler);
      return () => remove(errorHandlers, handler);
    },
    onDelivery(observer) {
      if (typeof observer !== 'function') throw new TypeError('onDelivery: the observer must be a function.');
      deliveryObservers.push(observer);
      return () => remove(deliveryObservers, observer);
    },
    receive(event, receiveOptions) {
      const dispatch = () => router.dispatch(event as WebhookEvent);
      return telemetry ? telemetry.process(event as WebhookEvent, receiveOptions?.traceContext, dispatch) : dispatch();
    },
    handle(request) {
      return handleRequest(webhooks, request);
    },
    health(healthOptions) {
      return instanceHealth(state, healthOptions);
    },
    close(closeOptions) {
      closed ??= closeDeliveries(state.inFlight, closeOptions);
      return closed;
    },
  };
  attachState(webhooks, state);

  for (const [pattern, handler] of Object.entries(options.on ?? {})) {
    register([pattern], handler as Handler);
  }
  return webhooks;
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index !== -1) list.splice(index, 1);
}
