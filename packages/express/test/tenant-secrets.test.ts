/**
 * Per-tenant secrets behind Express: the tenant is a route parameter of the mount path, which
 * Express strips from `req.url`; the adapter hands the pipeline `req.originalUrl`, so `tenant()`
 * sees the whole path. Real HTTP, Atelio deliveries signed with node:crypto.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { atelio, type TenantSecrets } from '@finhooks/core';
import express5 from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { webhooks } from '../src/index.js';

function signed(secret: string) {
  const body = JSON.stringify({ event: 'tenant-test.event', occurred_at: new Date().toISOString(), id: randomUUID() });
  const t = Math.floor(Date.now() / 1000);
  const v2 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'bond-signature': `t=${t},v2=${v2}` } };
}

for (const [name, express] of [
  ['express 5', express5],
  ['express 4', express4],
] as const) {
  describe(`${name}: per-tenant secrets`, () => {
    it('reads the tenant from the mount path (originalUrl), 401 across tenants, 503 when the lookup fails', async () => {
      const db = new Map([
        ['acme', `whsec_${randomBytes(24).toString('hex')}`],
        ['globex', `whsec_${randomBytes(24).toString('hex')}`],
      ]);
      const seen: (string | undefined)[] = [];
      const secrets: TenantSecrets = {
        tenant: ({ url }) => {
          seen.push(url);
          return /^\/hooks\/([a-z]+)\/?$/.exec(url ?? '')?.[1];
        },
        lookup: async (tenant) => {
          if (tenant === 'down') throw new Error('database down');
          return db.get(tenant);
        },
      };
      const app = (express as typeof express5)();
      app.use('/hooks/:tenant', webhooks({ provider: atelio({ secrets }), onError: () => undefined }));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const post = (path: string, { body, headers }: ReturnType<typeof signed>) =>
          fetch(`${base}${path}`, { method: 'POST', headers, body });
        expect((await post('/hooks/acme', signed(db.get('acme')!))).status).toBe(200);
        expect((await post('/hooks/globex', signed(db.get('globex')!))).status).toBe(200);
        expect((await post('/hooks/globex', signed(db.get('acme')!))).status).toBe(401);
        const down = await post('/hooks/down', signed(db.get('acme')!));
        expect([down.status, down.headers.get('retry-after')]).toEqual([503, '30']);
        expect(seen.slice(0, 2)).toEqual(['/hooks/acme', '/hooks/globex']);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
}
