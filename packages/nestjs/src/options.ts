import type { AnyProvider, Webhooks, WebhooksOptions } from '@finhooks/core';

interface EndpointPath {
  /**
   * The URL the provider posts to, e.g. `/webhooks/atelio`, also answered with one trailing slash.
   * Absolute: Nest's global prefix does not apply (the route is served by the HTTP platform itself,
   * before Nest's body parser, see the README).
   */
  readonly path: string;
}

/** An endpoint the module creates the instance of: core options (without `on`: handlers are decorated methods). */
export interface FinhooksProviderEndpoint<P extends AnyProvider = AnyProvider>
  extends EndpointPath, Omit<WebhooksOptions<P>, 'on'> {}

/** An endpoint serving an existing `createWebhooks()` instance (e.g. shared with a queue worker). */
export interface FinhooksInstanceEndpoint extends EndpointPath {
  /** Any provider's instance (`Webhooks` without a type argument accepts each of them). */
  readonly webhooks: Webhooks;
}

export type FinhooksEndpoint = FinhooksProviderEndpoint | FinhooksInstanceEndpoint;

export interface FinhooksModuleOptions {
  /**
   * One entry per webhook URL. Each instance is known by its name (option `name`, default the
   * provider's name): the first argument of `@OnWebhookEvent` and of `FinhooksRegistry.get`.
   */
  readonly endpoints: readonly FinhooksEndpoint[];
  /**
   * On `app.close()` (SIGTERM with `app.enableShutdownHooks()`), the instances the module created
   * stop taking deliveries (503 `shutting_down`) and the deliveries in flight get this long to
   * finish, ms, before their claims are released (see `webhooks.close()`). Default 25 000.
   * Instances passed in as `webhooks` are yours to close.
   */
  readonly closeTimeout?: number;
}
