import { ATELIO_SECRET, listenOnLoopback, runAdapterSuite, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { webhooks } from '../src/index.js';

// The whole suite through `{ path, webhooks }` on an unmounted middleware (express.test.ts runs it with `app.use(path, webhooks(instance))`).
runAdapterSuite({
  name: 'express 5, { path, webhooks }',
  async start(mounts) {
    const app = express();
    for (const { path, webhooks: instance } of mounts) app.use(webhooks({ path, webhooks: instance }));
    return listenOnLoopback(app);
  },
});

/** The mount forms every finhooks adapter accepts: options, an instance, or `{ webhooks, ...mountOptions }`. */
describe('express: mount forms, over real HTTP', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('options, an instance and { path, webhooks } each answer their path; the shared instance runs one handler set', async () => {
    const received: string[] = [];
    const shared = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    shared.onAny((event: WebhookEvent) => void received.push(`shared:${event.type}`));
    const app = express();
    app.use(
      webhooks({
        path: '/options',
        provider: atelio({ secret: ATELIO_SECRET }),
        on: { '*': (event) => void received.push(`options:${event.type}`) },
      }),
    );
    app.use('/instance', webhooks(shared));
    app.use(webhooks({ path: '/with-path', webhooks: shared }));
    app.use((_req, res) => void res.status(404).end());
    const server = await listenOnLoopback(app);
    close = server.close;

    const deliver = async (path: string, occurredAt: string) =>
      (
        await send(
          `${server.url}${path}`,
          await createTestRequest(shared.provider, 'card.created', { occurred_at: occurredAt }),
        )
      ).status;
    expect(await deliver('/options', '2026-01-01T00:00:01Z')).toBe(200);
    expect(await deliver('/instance', '2026-01-01T00:00:02Z')).toBe(200);
    expect(await deliver('/with-path', '2026-01-01T00:00:03Z')).toBe(200);
    expect(await deliver('/with-path/', '2026-01-01T00:00:04Z')).toBe(200);
    // `{ path, webhooks }` answers its path only: anything else falls through to the app.
    expect(await deliver('/elsewhere', '2026-01-01T00:00:05Z')).toBe(404);
    // One instance, two mounts: the same event through either is a duplicate.
    const again = await send(
      `${server.url}/instance`,
      await createTestRequest(shared.provider, 'card.created', { occurred_at: '2026-01-01T00:00:03Z' }),
    );
    expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
    expect(received).toEqual([
      'options:card.created',
      'shared:card.created',
      'shared:card.created',
      'shared:card.created',
    ]);
  });

  it('refuses { webhooks } that is not a createWebhooks instance, at mount time', () => {
    expect(() => webhooks({ path: '/x', webhooks: { name: 'fake' } as never })).toThrow(/createWebhooks/);
  });
});
