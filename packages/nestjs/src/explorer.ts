import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { WEBHOOK_HANDLERS, type WebhookHandlerMetadata } from './handlers.js';
import { FinhooksRegistry } from './registry.js';

/**
 * Finds the `@OnWebhookEvent` methods of every provider and controller (as `@nestjs/event-emitter`
 * finds `@OnEvent`) and registers each on its instance, bound to the Nest-created object. Runs
 * in `onModuleInit`: every singleton exists by then and no request is served yet.
 */
@Injectable()
export class FinhooksExplorer implements OnModuleInit, OnModuleDestroy {
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(FinhooksRegistry) private readonly registry: FinhooksRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) this.bind(wrapper);
  }

  async onModuleDestroy(): Promise<void> {
    // Drained before the handlers go: a delivery in flight still finds them, a new one gets 503
    // `shutting_down` (never a 200 with no handler run).
    const timeout = this.registry.closeTimeout;
    await Promise.all(
      this.registry.endpoints
        .filter((endpoint) => endpoint.owned)
        .map((endpoint) => endpoint.webhooks.close(timeout === undefined ? {} : { timeout })),
    );
    // Instances passed in as `webhooks` outlive the app (tests, queue workers): leave them without our handlers.
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  private bind(wrapper: InstanceWrapper): void {
    const { instance } = wrapper;
    if (wrapper.isAlias || typeof instance !== 'object' || instance === null) return;
    const prototype: object | null = Object.getPrototypeOf(instance);
    if (!prototype) return;
    for (const key of this.scanner.getAllMethodNames(prototype)) {
      const method: unknown = (instance as Record<string, unknown>)[key];
      if (typeof method !== 'function') continue;
      const handlers: WebhookHandlerMetadata[] | undefined = Reflect.getMetadata(WEBHOOK_HANDLERS, method);
      if (!handlers) continue;
      if (!wrapper.isDependencyTreeStatic()) {
        throw new Error(
          `FinhooksModule: ${wrapper.name}.${key} handles webhooks but ${wrapper.name} is request-scoped (or depends on a request-scoped provider); webhook handlers live on singleton providers.`,
        );
      }
      for (const { instance: name, patterns } of handlers) {
        const handler = (event: unknown) => method.call(instance, event);
        this.#unsubscribe.push(this.registry.get(name).onEvent(patterns as never, handler));
      }
    }
  }
}
