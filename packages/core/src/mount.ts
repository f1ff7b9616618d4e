import { hasState, type Webhooks, type WebhooksOptions } from './instance.js';
import type { AnyProvider } from './provider.js';
import { createWebhooks } from './webhooks.js';

/** Whether `value` is an instance made by `createWebhooks` (adapters accept one or options). */
export function isWebhooks(value: unknown): value is Webhooks {
  return hasState(value);
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
  if (typeof input === 'object' && input !== null && 'webhooks' in input) {
    if (isWebhooks(input.webhooks)) return input.webhooks;
    throw new TypeError('`webhooks` must be an instance made by createWebhooks({...}).');
  }
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

/** Gives an adapter's middleware or handlers the instance's registry: `.onEvent`, `.onAny`, `.onError`, `.onDelivery`, `.webhooks`. */
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
