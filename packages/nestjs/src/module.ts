import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FinhooksExplorer } from './explorer.js';
import { FinhooksHttpMount } from './http-mount.js';
import { FINHOOKS_MODULE_OPTIONS, FinhooksConfigurableModule } from './module-definition.js';
import type { FinhooksModuleOptions } from './options.js';
import { FinhooksRegistry } from './registry.js';

/**
 * Receives webhooks in a Nest app: one endpoint per provider (or instance), handled by
 * `@OnWebhookEvent` methods of your providers.
 *
 * ```ts
 * @Module({
 *   imports: [
 *     FinhooksModule.forRoot({
 *       endpoints: [{ path: '/webhooks/atelio', provider: atelio({ secret: process.env.ATELIO_WEBHOOK_SECRET! }) }],
 *     }),
 *   ],
 *   providers: [CardsService],
 * })
 * export class AppModule {}
 * ```
 *
 * `forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ endpoints }) })`
 * builds the endpoints from configuration.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: FinhooksRegistry,
      useFactory: (options: FinhooksModuleOptions) => new FinhooksRegistry(options),
      inject: [FINHOOKS_MODULE_OPTIONS],
    },
    FinhooksHttpMount,
    FinhooksExplorer,
  ],
  exports: [FinhooksRegistry],
})
export class FinhooksModule extends FinhooksConfigurableModule {}
