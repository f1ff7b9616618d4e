import type { AnyProvider, Webhooks } from '@finhooks/core';

/**
 * Augment this interface to type `app.finhooks.get(name)` for the names you register:
 *
 * ```ts
 * declare module '@finhooks/fastify' {
 *   interface FinhooksInstances { atelio: Webhooks<AtelioProvider> }
 * }
 * ```
 */
export interface FinhooksInstances {}

/** `app.finhooks`: every finhooks instance registered on the Fastify app, by name. */
export interface FinhooksRegistry {
  /** The instance registered under `name` (the `name` option, default: the instance's name); throws if there is none. */
  get<K extends keyof FinhooksInstances>(name: K): FinhooksInstances[K];
  get(name: string): Webhooks<AnyProvider>;
  has(name: string): boolean;
  /** Registered names, in registration order. */
  names(): string[];
}

/** The registry plus the `add` only the plugin calls. */
export class InstanceRegistry implements FinhooksRegistry {
  readonly #instances = new Map<string, Webhooks<AnyProvider>>();

  get<K extends keyof FinhooksInstances>(name: K): FinhooksInstances[K];
  get(name: string): Webhooks<AnyProvider>;
  get(name: string): unknown {
    const instance = this.#instances.get(name);
    if (!instance) {
      const known = this.names().map((n) => `"${n}"`).join(', ') || 'none';
      throw new Error(`@finhooks/fastify: no instance named "${name}" is registered on this Fastify app (registered: ${known}).`);
    }
    return instance;
  }

  has(name: string): boolean {
    return this.#instances.has(name);
  }

  names(): string[] {
    return [...this.#instances.keys()];
  }

  add(name: string, instance: Webhooks<AnyProvider>): void {
    if (this.#instances.has(name)) {
      throw new Error(
        `@finhooks/fastify: an instance named "${name}" is already registered on this Fastify app. Give each registration its own \`name\` option, e.g. app.register(finhooks, { name: '${name}-2', path, ... }).`,
      );
    }
    this.#instances.set(name, instance);
  }
}
