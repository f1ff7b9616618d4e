import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atelio, atomic, createWebhooks, handleRequest, moneyhub, type WebhookEvent } from '../src/index.js';
import { atelioTesting } from '../src/providers/atelio/testing.js';
import { atomicTesting } from '../src/providers/atomic/testing.js';
import { moneyhubTesting } from '../src/providers/moneyhub/testing.js';
import { createTestRequest, moneyhubTestKeys, sampleBody } from '../src/testing.js';

/** Each provider owns its samples, minimal body and test signing; testing.ts only looks them up. */
describe('per-provider test kits', () => {
  it('testing.ts names no provider and branches on none', () => {
    const source = readFileSync(new URL('../src/testing.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/switch\s*\(/);
    expect(source).not.toMatch(/'(atomic|moneyhub|atelio)'/);
  });

  it('keys each kit by its provider name', async () => {
    const { jwks } = await moneyhubTestKeys();
    expect(atomicTesting.name).toBe(atomic({ secret: 'atomic_api_secret_0123' }).name);
    expect(atelioTesting.name).toBe(atelio({ secret: 'whsec_atelio_secret_0123' }).name);
    expect(moneyhubTesting.name).toBe(moneyhub({ jwks, allowAnyAudience: true }).name);
  });

  it('builds a minimal body for a type without a sample, and none for a provider without a kit', () => {
    expect(sampleBody('atelio', 'card.status.frozen')).toMatchObject({ event: 'card.status.frozen' });
    expect(sampleBody('atomic', 'task-status-frozen')).toMatchObject({ eventType: 'task-status-frozen' });
    expect(sampleBody('moneyhub', 'newThing')).toMatchObject({ eventType: 'newThing', payload: {} });
    expect(sampleBody('acme', 'anything')).toBeUndefined();
  });

  it.each([
    ['atomic', () => atomic({ secret: 'atomic_api_secret_0123' }), 'task-status-frozen'],
    ['atelio', () => atelio({ secret: 'whsec_atelio_secret_0123' }), 'card.status.frozen'],
    ['moneyhub', async () => moneyhub({ jwks: (await moneyhubTestKeys()).jwks, allowAnyAudience: true }), 'newThing'],
  ] as const)(
    '%s: a minimal body, signed by its kit, passes the pipeline as an unknown type',
    async (_name, make, type) => {
      const provider = await make();
      const received: WebhookEvent[] = [];
      const hooks = createWebhooks({ provider, onError: () => undefined });
      hooks.onAny((event) => void received.push(event));
      const response = await handleRequest(hooks, await createTestRequest(provider, type as never));
      expect(response.status).toBe(200);
      expect(received).toMatchObject([{ type, known: false }]);
    },
  );
});
