import type {} from 'reflect-metadata'; // types of Reflect.getMetadata; Nest loads the polyfill itself
import type {
  AtelioProvider,
  AtomicProvider,
  CheckedPattern,
  EventFor,
  MoneyhubProvider,
  PatternOf,
} from '@finhooks/core';

/**
 * Instance name → provider type, for `@OnWebhookEvent(name, pattern)` to type the handler's event.
 * The built-in providers are here under their default names; add your own instances by declaration
 * merging, e.g. a second Atelio account named `atelio-eu` or a `defineProvider` provider:
 *
 * ```ts
 * declare module '@finhooks/nestjs' {
 *   interface FinhooksProviders {
 *     'atelio-eu': AtelioProvider;
 *     acme: typeof acmeProvider;
 *   }
 * }
 * ```
 */
export interface FinhooksProviders {
  atomic: AtomicProvider;
  moneyhub: MoneyhubProvider;
  atelio: AtelioProvider;
}

/** A name of `FinhooksProviders`: an endpoint's instance name (its `name` option, default the provider's name). */
export type FinhooksInstanceName = Extract<keyof FinhooksProviders, string>;

/** The event a handler of `pattern` on instance `Name` receives, e.g. `WebhookEventOf<'atelio', 'card.*'>`. */
export type WebhookEventOf<Name extends FinhooksInstanceName, Pattern extends string> = EventFor<
  FinhooksProviders[Name],
  Pattern
>;

/** What `@OnWebhookEvent` records on a method; read back at startup by the module. */
export interface WebhookHandlerMetadata {
  readonly instance: string;
  readonly patterns: readonly string[];
}

export const WEBHOOK_HANDLERS = Symbol.for('@finhooks/nestjs:handlers');

/**
 * Marks a method of a Nest provider (or controller) as the handler of one instance's events matching
 * `pattern` (a catalogue type, a wildcard such as `card.*`, `*`, or `unknown:<type>`; or a list of
 * them). The method's parameter is checked against the pattern's event type: a method taking another
 * event fails to compile. Several decorators may stack on one method.
 *
 * ```ts
 * @Injectable()
 * export class Cards {
 *   @OnWebhookEvent('atelio', 'card.*')
 *   async onCard(event: WebhookEventOf<'atelio', 'card.*'>) { … }
 * }
 * ```
 *
 * A throwing (or rejecting) method fails the delivery with 500, so the provider retries it.
 */
export function OnWebhookEvent<
  const Name extends FinhooksInstanceName,
  const T extends PatternOf<FinhooksProviders[Name]>,
>(
  instance: Name,
  pattern: CheckedPattern<FinhooksProviders[Name], T> | readonly CheckedPattern<FinhooksProviders[Name], T>[],
): <M extends (event: EventFor<FinhooksProviders[Name], T>) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  const patterns: readonly string[] = Array.isArray(pattern) ? pattern : [pattern as string];
  return (_target, _key, descriptor) => {
    const method = descriptor.value;
    if (typeof method !== 'function') throw new TypeError('@OnWebhookEvent decorates methods only.');
    const existing: WebhookHandlerMetadata[] = Reflect.getMetadata(WEBHOOK_HANDLERS, method) ?? [];
    Reflect.defineMetadata(WEBHOOK_HANDLERS, [...existing, { instance, patterns }], method);
  };
}
