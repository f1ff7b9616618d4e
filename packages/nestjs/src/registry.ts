import type { AnyProvider, Webhooks } from '@finhooks/core';
import { resolveWebhooks } from '@finhooks/core/adapter';
import type { FinhooksInstanceName, FinhooksProviders } from './handlers.js';
import type { FinhooksEndpoint, FinhooksModuleOptions } from './options.js';

/** One webhooks instance and the URL it answers on. */
export interface MountedEndpoint {
  readonly path: string;
  readonly webhooks: Webhooks<AnyProvider>;
  /** Created by the module (closed with the app), not passed in as `webhooks`. */
  readonly owned: boolean;
}

/**
 * The module's webhooks instances by name (an endpoint's `name`, default its provider's name).
 * Injectable: `constructor(@Inject(FinhooksRegistry) hooks: FinhooksRegistry)`, e.g. to add an
 * `onError`/`onDelivery` observer or hand an instance to a queue worker.
 */
export class FinhooksRegistry {
  readonly endpoints: readonly MountedEndpoint[];
  /** `closeTimeout` from the module options. */
  readonly closeTimeout: number | undefined;
  readonly #byName = new Map<string, Webhooks<AnyProvider>>();

  constructor(options: FinhooksModuleOptions) {
    if (
      typeof options !== 'object' ||
      options === null ||
      !Array.isArray(options.endpoints) ||
      options.endpoints.length === 0
    ) {
      throw new TypeError(
        "FinhooksModule: `endpoints` is required, e.g. FinhooksModule.forRoot({ endpoints: [{ path: '/webhooks/atelio', provider: atelio({ secret }) }] }).",
      );
    }
    this.closeTimeout = options.closeTimeout;
    const paths = new Set<string>();
    this.endpoints = options.endpoints.map((endpoint: FinhooksEndpoint) => {
      const { path } = endpoint;
      if (typeof path !== 'string' || !path.startsWith('/')) {
        throw new TypeError(
          'FinhooksModule: each endpoint needs a `path` starting with "/", e.g. { path: "/webhooks/atelio", … }.',
        );
      }
      const key = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
      if (paths.has(key)) throw new TypeError(`FinhooksModule: two endpoints share the path "${path}".`);
      paths.add(key);
      const webhooks = resolveWebhooks(endpoint as Parameters<typeof resolveWebhooks>[0]);
      if (this.#byName.has(webhooks.name)) {
        throw new TypeError(
          `FinhooksModule: two endpoints are named "${webhooks.name}"; give one a \`name\` of its own (e.g. "${webhooks.name}-eu") to tell them apart in @OnWebhookEvent.`,
        );
      }
      this.#byName.set(webhooks.name, webhooks);
      return { path, webhooks, owned: !('webhooks' in endpoint) };
    });
  }

  /** The instance named `name`; throws if no endpoint has that name. */
  get<Name extends FinhooksInstanceName>(name: Name): Webhooks<FinhooksProviders[Name]>;
  get(name: string): Webhooks<AnyProvider>;
  get(name: string): Webhooks<AnyProvider> {
    const webhooks = this.#byName.get(name);
    if (!webhooks) {
      throw new Error(`FinhooksModule: no endpoint is named "${name}" (endpoints: ${this.names().join(', ')}).`);
    }
    return webhooks;
  }

  /** The names of every instance, in the order of `endpoints`. */
  names(): string[] {
    return [...this.#byName.keys()];
  }
}
