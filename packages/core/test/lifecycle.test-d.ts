import { describe, expectTypeOf, it } from 'vitest';
import {
  atelio,
  type CloseResult,
  createWebhooks,
  type HealthReport,
  type HealthStatus,
  healthResponse,
  type IdempotencyStore,
  type WebhookInbox,
  type WebhookQueue,
  type WebhookResponse,
} from '../src/index.js';
import { closeGracefully } from '../src/adapter.js';

describe('health and close types', () => {
  const hooks = createWebhooks({ provider: atelio({ secret: 'whsec_lifecycle_types_secret_01234' }) });
  it('types the report and the close result', () => {
    expectTypeOf(hooks.health()).resolves.toEqualTypeOf<HealthReport>();
    expectTypeOf<HealthReport['status']>().toEqualTypeOf<HealthStatus>();
    expectTypeOf<HealthStatus>().toEqualTypeOf<'ok' | 'degraded' | 'down'>();
    expectTypeOf(hooks.close({ timeout: 1000 })).resolves.toEqualTypeOf<CloseResult>();
    expectTypeOf(healthResponse([hooks])).resolves.toEqualTypeOf<WebhookResponse>();
    expectTypeOf(closeGracefully).parameter(1).toEqualTypeOf<Parameters<typeof healthResponse>[0]>();
  });
  it('keeps health optional on what an instance depends on', () => {
    expectTypeOf<IdempotencyStore['health']>().toEqualTypeOf<((signal: AbortSignal) => Promise<void>) | undefined>();
    expectTypeOf<WebhookQueue['health']>().toEqualTypeOf<((signal: AbortSignal) => Promise<void>) | undefined>();
    expectTypeOf<WebhookInbox['health']>().toEqualTypeOf<((signal: AbortSignal) => Promise<void>) | undefined>();
    // @ts-expect-error the timeout is a number of ms
    void hooks.close({ timeout: '1s' });
  });
});
