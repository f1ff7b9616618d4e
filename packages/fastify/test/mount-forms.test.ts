import { ATELIO_SECRET, listenOnLoopback, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import finhooks from '../src/index.js';

/** Fastify routes are declared, so `path` is required: options + path, or `{ path, webhooks }`. */
describe('fastify: mount forms, over real HTTP', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('options and { path, webhooks } both answer; a webhooks that is not an instance is refused at registration', async () => {
    const shared = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    const app = Fastify();
    await app.register(finhooks, { path: '/options', provider: atelio({ secret: ATELIO_SECRET }) });
    await app.register(finhooks, { path: '/instance', name: 'shared', webhooks: shared });
    await app.ready();
    const server = await listenOnLoopback((req, res) => app.routing(req, res));
    close = async () => {
      await server.close();
      await app.close();
    };
    for (const [path, second] of [
      ['/options', 1],
      ['/instance', 2],
    ] as const) {
      const request = await createTestRequest(shared.provider, 'card.created', {
        occurred_at: `2026-01-01T00:00:0${second}Z`,
      });
      expect((await send(`${server.url}${path}`, request)).status).toBe(200);
    }
    const bad = Fastify();
    await expect(bad.register(finhooks, { path: '/x', webhooks: { name: 'fake' } as never }).ready()).rejects.toThrow(
      /createWebhooks/,
    );
    await bad.close();
  });
});
