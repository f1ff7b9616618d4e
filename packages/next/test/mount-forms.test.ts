import { Readable } from 'node:stream';
import { ATELIO_SECRET, listenOnLoopback, send } from '@finhooks/adapter-conformance';
import { atelio, createWebhooks, type WebhookEvent } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { pagesWebhooks, webhooks } from '../src/index.js';

/**
 * The mount forms every finhooks adapter accepts: options, an instance, or `{ webhooks }` (a Next
 * route file is its own path, so there are no mount options). Over real HTTP: a node:http server
 * hands App Router handlers a Web `Request` and Pages Router handlers the request itself.
 */
describe('next: mount forms, over real HTTP', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('App Router and Pages Router handlers from options, an instance and { webhooks } all answer 200', async () => {
    const received: string[] = [];
    const shared = createWebhooks({ provider: atelio({ secret: ATELIO_SECRET }) });
    shared.onAny((event: WebhookEvent) => void received.push(`shared:${event.type}`));
    const fromOptions = {
      provider: atelio({ secret: ATELIO_SECRET }),
      on: { '*': (event: WebhookEvent) => void received.push(`options:${event.type}`) },
    };
    const app = { options: webhooks(fromOptions), instance: webhooks(shared), wrapped: webhooks({ webhooks: shared }) };
    const pages = {
      options: pagesWebhooks(fromOptions),
      instance: pagesWebhooks(shared),
      wrapped: pagesWebhooks({ webhooks: shared }),
    };
    expect(app.wrapped.webhooks).toBe(shared);
    expect(pages.wrapped.webhooks).toBe(shared);

    const server = await listenOnLoopback(async (req, res) => {
      const [, router, form] = (req.url ?? '').split('/') as [string, 'app' | 'pages', keyof typeof app];
      if (router === 'pages') return pages[form](req, res);
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const response = await app[form].POST(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
    close = server.close;

    let second = 0;
    for (const router of ['app', 'pages']) {
      for (const form of ['options', 'instance', 'wrapped']) {
        const request = await createTestRequest(shared.provider, 'card.created', {
          occurred_at: `2026-01-01T00:00:0${second++}Z`,
        });
        const response = await send(`${server.url}/${router}/${form}`, request);
        expect(response.status, `${router} ${form}: ${response.body}`).toBe(200);
      }
    }
    expect(received.filter((r) => r.startsWith('options:'))).toHaveLength(2);
    expect(received.filter((r) => r.startsWith('shared:'))).toHaveLength(4);
  });

  it('refuses { webhooks } that is not a createWebhooks instance, when the route module loads', () => {
    expect(() => webhooks({ webhooks: {} as never })).toThrow(/createWebhooks/);
    expect(() => pagesWebhooks({ webhooks: {} as never })).toThrow(/createWebhooks/);
  });
});
