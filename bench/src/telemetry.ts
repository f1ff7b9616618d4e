/**
 * What `telemetry: openTelemetry()` costs per delivery (issue 14): the whole pipeline on the ~1 KB
 * Atelio event, without the option (one `undefined` check) and with it but no SDK registered (the
 * API's no-op tracer and meter: what an app pays for leaving the option on without exporting).
 */
import { createWebhooks, handleRequest, type Webhooks } from '@finhooks/core';
import { openTelemetry } from '@finhooks/core/opentelemetry';
import type { MicroCase } from './cases.js';
import type { CostRow } from './costs.js';
import { timePerCall, type TimingOptions } from './timing.js';

export async function telemetryCosts(c: MicroCase, timing: TimingOptions): Promise<CostRow[]> {
  const group = `${c.name} telemetry (whole pipeline, one no-op handler)`;
  const noop = () => undefined;
  const plain = (): Webhooks => createWebhooks({ provider: c.provider, on: { [c.eventType]: noop } as never });
  const traced = (): Webhooks =>
    createWebhooks({ provider: c.provider, on: { [c.eventType]: noop } as never, telemetry: openTelemetry() });
  const time = (fresh: () => Webhooks) =>
    timePerCall(c.requests, (request, webhooks: Webhooks) => handleRequest(webhooks, request), timing, fresh);
  // A fresh instance (fresh store) per pass: every event is new to the store it meets.
  return [
    { group, name: 'handleRequest, no telemetry option', us: await time(plain) },
    { group, name: 'handleRequest, openTelemetry(), no SDK registered', us: await time(traced) },
  ];
}
