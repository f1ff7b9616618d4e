import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as web from '../src/web-entry.js';

describe('@finhooks/core/web', () => {
  it('exports everything the main entry does except the Node-only helpers of node.ts', () => {
    const nodeOnly = ['fromNodeRequest', 'keptRawBody', 'readBodyStream', 'readStream', 'writeNodeResponse'];
    const missing = Object.keys(main).filter((name) => !(name in web));
    expect(missing.sort()).toEqual(nodeOnly.sort());
    for (const name of Object.keys(web))
      expect(web[name as keyof typeof web], name).toBe(main[name as keyof typeof main]);
  });

  it('createFetchHandler answers a Request with a Response and exposes the registry', async () => {
    const secret = 'whsec_fetch-handler-test-secret';
    const handler = web.createFetchHandler({ provider: web.atelio({ secret }) });
    expect(typeof handler.onEvent).toBe('function');
    expect(handler.webhooks.provider.name).toBe('atelio');
    const refused = await handler(new Request('http://localhost/hook', { method: 'GET' }));
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
    const unsigned = await handler(
      new Request('http://localhost/hook', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'missing_signature' } });
  });
});
