import { send } from '@finhooks/adapter-conformance';
import { atelio } from '@finhooks/core';
import { Injectable } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { FinhooksModule, OnWebhookEvent } from '../src/index.js';
import { ATELIO_TEST_SECRET, atelioDelivery, PLATFORMS, type RunningApp, startNest } from './support/app.js';

/** `app.close()` drains the module's instances before their handlers are removed, on both platforms. */
const gate = { open: Promise.resolve(), started: [] as string[] };

@Injectable()
class SlowService {
  @OnWebhookEvent('atelio', 'transactions')
  async onTransaction() {
    gate.started.push('transactions');
    await gate.open;
  }
}

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close().catch(() => undefined);
  running = undefined;
});

const code = (result: { body: string }) => (JSON.parse(result.body) as { error?: { code: string } }).error?.code;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe.each(PLATFORMS)('FinhooksModule on app.close() (%s)', (platform) => {
  const start = (closeTimeout: number) =>
    startNest(platform, {
      imports: [
        FinhooksModule.forRoot({
          endpoints: [{ path: '/webhooks/atelio', provider: atelio({ secret: ATELIO_TEST_SECRET }), onError: () => undefined }],
          closeTimeout,
        }),
      ],
      providers: [SlowService],
    });

  it('lets the delivery in flight finish with 200 and answers a new one 503 shutting_down', async () => {
    let release!: () => void;
    gate.open = new Promise((resolve) => (release = resolve));
    gate.started = [];
    running = await start(10_000);
    const url = `${running.url}/webhooks/atelio`;
    const inFlight = send(url, atelioDelivery('transactions'));
    await until(() => gate.started.length === 1);

    const closing = running.app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await send(url, atelioDelivery('transactions'));
    expect([late.status, code(late)]).toEqual([503, 'shutting_down']);
    expect(gate.started).toHaveLength(1);

    release();
    const answered = await inFlight;
    expect([answered.status, JSON.parse(answered.body)]).toEqual([200, { received: true }]);
    await closing;
    running = undefined;
  });

  it('past closeTimeout answers the delivery still running 503 shutting_down (claim released) and closes', async () => {
    gate.open = new Promise(() => undefined); // never
    gate.started = [];
    running = await start(300);
    const inFlight = send(`${running.url}/webhooks/atelio`, atelioDelivery('transactions'));
    await until(() => gate.started.length === 1);
    const started = Date.now();
    await running.app.close();
    running = undefined;
    expect(Date.now() - started).toBeLessThan(3000);
    const answered = await inFlight;
    expect([answered.status, code(answered)]).toEqual([503, 'shutting_down']);
  });
});
