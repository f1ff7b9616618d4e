import { FinhooksModule } from '@finhooks/nestjs';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { HealthController } from './health.controller.js';
import { AtelioHandlers, atelioEndpoint } from './webhooks/atelio.js'; // @provider atelio
import { AtomicHandlers, atomicEndpoint } from './webhooks/atomic.js'; // @provider atomic
import { MoneyhubHandlers, moneyhubEndpoint } from './webhooks/moneyhub.js'; // @provider moneyhub

/**
 * One endpoint per provider, configured from `ConfigService`; their handlers are the
 * `@OnWebhookEvent` methods of the `*Handlers` providers.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    FinhooksModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        endpoints: [
          atomicEndpoint(config), // @provider atomic
          moneyhubEndpoint(config), // @provider moneyhub
          atelioEndpoint(config), // @provider atelio
        ],
      }),
    }),
  ],
  controllers: [HealthController],
  providers: [
    AtomicHandlers, // @provider atomic
    MoneyhubHandlers, // @provider moneyhub
    AtelioHandlers, // @provider atelio
  ],
})
export class AppModule {}
