/**
 * The Pages Router handler hosted by Next.js's own API route resolver (the code `next start` runs
 * for `pages/api/*`: cookies, query, `config.api.bodyParser`, `res.status/json`…) on a real
 * node:http server, so both `bodyParser: false` and a body parser left on behave as in a Next app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { delivery, listenOnLoopback, type Mount, providerSet, runAdapterSuite, type RunningServer, send } from '@finhooks/adapter-conformance';
import { createWebhooks, moneyhub } from '@finhooks/core';
import { withoutTrailingSlash } from '@finhooks/core/adapter';
import { apiResolver } from 'next/dist/server/api-utils/node/api-resolver.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGES_HOW_TO_FIX, pagesWebhooks, webhooks } from '../src/index.js';

type PageConfig = { api?: { bodyParser?: boolean } };
interface ApiRoute {
  readonly path: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** The route file's `export const config`; omitted = Next's default (body parser on). */
  readonly config?: PageConfig;
}

const PREVIEW = { previewModeId: 'test', previewModeEncryptionKey: 'test', previewModeSigningKey: 'test', dev: false };

/**
 * A node:http server routing each path to its API route through Next's resolver. It routes like
 * Next.js with `skipTrailingSlashRedirect: true` (the README's advice; test/trailing-slash.test.ts
 * checks the real router): `/path/` reaches the route of `/path`.
 */
function nextApiHost(routes: readonly ApiRoute[]): Promise<RunningServer> {
  const byPath = new Map(routes.map((route) => [route.path, route]));
  return listenOnLoopback((req, res) => {
    const route = byPath.get(withoutTrailingSlash((req.url ?? '/').split('?', 1)[0]!));
    if (!route) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const module = { default: route.handler, config: route.config };
    void apiResolver(req, res, {}, module, PREVIEW, false, false, route.path);
  });
}

const bodyParserOff: PageConfig = { api: { bodyParser: false } };

runAdapterSuite({
  name: 'next pages router (bodyParser: false)',
  start: (mounts: readonly Mount[]) =>
    nextApiHost(
      mounts.map(({ path, webhooks: instance }) => ({ path, handler: pagesWebhooks(instance), config: bodyParserOff })),
    ),
});

describe('next pages router: body parser left on', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function host(routes: Record<string, ApiRoute['handler']>, config?: PageConfig) {
    const server = await nextApiHost(Object.entries(routes).map(([path, handler]) => ({ path, handler, config })));
    close = server.close;
    return server.url;
  }

  it.each(['atelio', 'atomic'] as const)(
    '%s JSON: 500 body_already_parsed, saying to export the bodyParser: false config',
    async (name) => {
      const set = await providerSet();
      const url = await host({ '/hook': pagesWebhooks(set[name]) });
      const response = await send(
        `${url}/hook`,
        await delivery(set, name, name === 'atelio' ? 'transactions' : 'task-status-updated'),
      );
      expect(response.status).toBe(500);
      const { error } = JSON.parse(response.body);
      expect(error.code).toBe('body_already_parsed');
      expect(error.message).toContain('export const config = { api: { bodyParser: false } };');
      expect(error.message).toContain(PAGES_HOW_TO_FIX);
      expect(set.received).toHaveLength(0);
    },
  );

  it('Moneyhub application/jwt: Next leaves the text, which is the raw token: verified and accepted', async () => {
    const set = await providerSet();
    const url = await host({ '/hook': pagesWebhooks(set.moneyhub) });
    const response = await send(`${url}/hook`, await delivery(set, 'moneyhub', 'newTransactions'));
    expect(response.status, response.body).toBe(200);
    expect(set.received.map((r) => r.event.type)).toEqual(['newTransactions']);
  });

  it('Moneyhub application/jwt: the parsed text is still verified (a forged token → 401)', async () => {
    const set = await providerSet();
    const url = await host({ '/hook': pagesWebhooks(set.moneyhub) });
    const req = await delivery(set, 'moneyhub', 'newTransactions');
    const [header, , signature] = req.body.split('.');
    const forged = Buffer.from(
      JSON.stringify({ iss: 'https://identity.moneyhub.co.uk', iat: Math.floor(Date.now() / 1000), events: {} }),
    ).toString('base64url');
    const response = await send(`${url}/hook`, { headers: req.headers, body: `${header}.${forged}.${signature}` });
    expect(response.status).toBe(401);
    expect(set.received).toHaveLength(0);
  });

  it('Moneyhub application/jwt: the parsed text is held to bodyLimit (413)', async () => {
    const set = await providerSet();
    const small = createWebhooks({
      provider: moneyhub({ jwks: set.keys.jwks, allowAnyAudience: true }),
      bodyLimit: 256,
      onError: () => undefined,
    });
    const url = await host({ '/hook': pagesWebhooks(small) });
    // Chunked: no Content-Length for the early check, so the limit applies to the text Next's parser kept.
    const req = await delivery(set, 'moneyhub', 'newTransactions');
    const response = await send(`${url}/hook`, { ...req, headers: { ...req.headers, 'transfer-encoding': 'chunked' } });
    expect(response.status, response.body).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });
});

describe('next pages router: the exported handler', () => {
  it('answers before its promise resolves (no "API resolved without sending a response")', async () => {
    const warn = vi.spyOn(console, 'warn');
    const set = await providerSet();
    const server = await nextApiHost([{ path: '/hook', handler: pagesWebhooks(set.atelio), config: bodyParserOff }]);
    try {
      expect((await send(`${server.url}/hook`, await delivery(set, 'atelio', 'transactions'))).status).toBe(200);
      expect((await send(`${server.url}/hook`, { method: 'GET' })).status).toBe(405);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it('exposes onEvent/onAny/onError and shares one instance with an App Router route', async () => {
    const set = await providerSet();
    const hooks = createWebhooks({ provider: set.atelio.provider });
    const route = pagesWebhooks(hooks);
    const handler = vi.fn();
    const errors = vi.fn();
    route.onEvent('card.*', handler);
    route.onError(errors);
    expect(route.webhooks).toBe(hooks);
    const server = await nextApiHost([{ path: '/hook', handler: route, config: bodyParserOff }]);
    try {
      const req = await delivery(set, 'atelio', 'card.created');
      expect((await send(`${server.url}/hook`, req)).status).toBe(200);
      expect(handler).toHaveBeenCalledWith(expect.objectContaining({ type: 'card.created' }));
      // The same delivery reaching the App Router route of the same instance is a duplicate.
      const appResponse = await webhooks(hooks).POST(
        new Request('http://localhost/x', { method: 'POST', headers: req.headers, body: req.body }),
      );
      expect(await appResponse.json()).toEqual({ received: true, duplicate: true });
      expect(handler).toHaveBeenCalledTimes(1);
      expect(
        (await send(`${server.url}/hook`, { ...req, headers: { ...req.headers, 'content-type': 'text/plain' } }))
          .status,
      ).toBe(415);
      expect(errors).toHaveBeenCalledWith(
        expect.any(Error),
        expect.objectContaining({ status: 415, code: 'unsupported_media_type' }),
      );
    } finally {
      await server.close();
    }
  });
});
