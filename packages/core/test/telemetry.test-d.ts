import { describe, expectTypeOf, it } from 'vitest';
import {
  atelio,
  createWebhooks,
  type EnqueueOptions,
  type ReceiveOptions,
  type TraceCarrier,
  type WebhookEvent,
  type WebhookInbox,
  type WebhookQueue,
  type Webhooks,
  type WebhookTelemetry,
} from '../src/index.js';
import { openTelemetry, type OpenTelemetryOptions } from '../src/opentelemetry.js';

const provider = atelio({ secret: 'whsec_0123456789abcdef' });

describe('telemetry types', () => {
  it('openTelemetry() is a WebhookTelemetry, the `telemetry` option takes it and nothing else', () => {
    expectTypeOf(openTelemetry()).toEqualTypeOf<WebhookTelemetry>();
    expectTypeOf(openTelemetry).parameter(0).toEqualTypeOf<OpenTelemetryOptions | undefined>();
    createWebhooks({ provider, telemetry: openTelemetry() });
    // @ts-expect-error not a telemetry implementation
    createWebhooks({ provider, telemetry: true });
  });

  it('trace contexts are plain strings; queues and inboxes written before telemetry still fit', () => {
    expectTypeOf<TraceCarrier>().toEqualTypeOf<Readonly<Record<string, string>>>();
    expectTypeOf<EnqueueOptions['traceContext']>().toEqualTypeOf<TraceCarrier | undefined>();
    expectTypeOf<ReceiveOptions['traceContext']>().toEqualTypeOf<TraceCarrier | undefined>();
    const oldQueue = { enqueue: async (_event: WebhookEvent) => undefined };
    expectTypeOf(oldQueue).toExtend<WebhookQueue>();
    const oldInbox = { accept: async (_key: string, _event: WebhookEvent) => 'stored' as const };
    expectTypeOf(oldInbox).toExtend<WebhookInbox>();
    expectTypeOf<Parameters<Webhooks['receive']>[1]>().toEqualTypeOf<ReceiveOptions | undefined>();
  });
});
