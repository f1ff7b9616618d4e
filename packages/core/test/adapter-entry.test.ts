import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as adapter from '../src/adapter.js';
import * as main from '../src/index.js';
import { atelio, createWebhooks, HandlerError } from '../src/index.js';
import { createTestRequest } from '../src/testing.js';

/** `@finhooks/core/adapter` holds what adapters need; the main entry keeps what apps use. */
const MOVED = [
  'isWebhooks',
  'resolveWebhooks',
  'withRegistry',
  'errorResponse',
  'preflight',
  'refuse',
  'fromNodeRequest',
  'keptRawBody',
  'readBodyStream',
  'readStream',
  'writeNodeResponse',
  'fromWebRequest',
  'readWebBody',
  'toWebResponse',
  'samePath',
  'withoutTrailingSlash',
  'otherSpelling',
  'registerBothSpellings',
  'mediaType',
] as const;
const provider = atelio({ secret: 'whsec_adapter_entry_secret' });

describe('the entries', () => {
  it('exports the adapter kit from /adapter only', () => {
    for (const name of MOVED) {
      expect(typeof (adapter as Record<string, unknown>)[name], name).toBe('function');
      expect(Object.hasOwn(main, name), name).toBe(false);
    }
    expect(typeof adapter.reportFailure).toBe('function');
    expect(Object.hasOwn(main, 'reportFailure')).toBe(false);
    // Apps calling the pipeline from their own server keep it on the main entry.
    expect(main.handleRequest).toBe(adapter.handleRequest);
  });
});

describe('the instance', () => {
  it('has no internal methods on its public shape, and its state stays out of keys and JSON', () => {
    const hooks = createWebhooks({ provider });
    for (const name of ['reportError', 'reportDelivery', 'observesDeliveries']) expect(name in hooks, name).toBe(false);
    expect(Object.keys(hooks)).not.toContain(expect.stringContaining('state'));
    expect(
      Object.getOwnPropertySymbols(hooks).every((s) => !Object.getOwnPropertyDescriptor(hooks, s)!.enumerable),
    ).toBe(true);
  });

  it('is recognised by isWebhooks; a look-alike object is not, and the pipeline refuses it with a TypeError', async () => {
    const hooks = createWebhooks({ provider });
    expect(adapter.isWebhooks(hooks)).toBe(true);
    const lookAlike = { ...hooks };
    expect(adapter.isWebhooks(lookAlike)).toBe(false);
    const request = await createTestRequest(provider, 'card.created');
    await expect(adapter.handleRequest(lookAlike, request)).rejects.toThrow(/createWebhooks/);
    expect(() => adapter.resolveWebhooks({ webhooks: lookAlike })).toThrow(TypeError);
  });

  it('is used by the pipeline without calling its methods: replacing them changes nothing', async () => {
    const handler = vi.fn();
    const hooks = createWebhooks({ provider, on: { 'card.created': handler } });
    Object.assign(hooks, {
      receive: () => Promise.reject(new Error('the pipeline must not call receive')),
    });
    const response = await adapter.handleRequest(hooks, await createTestRequest(provider, 'card.created'));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });
});

describe('the pipeline module', () => {
  it('does not import the instance module (pipeline ⇢ instance is one-way)', () => {
    const source = readFileSync(new URL('../src/pipeline.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from '\.\/webhooks\.js'/);
    const instance = readFileSync(new URL('../src/webhooks.ts', import.meta.url), 'utf8');
    expect(instance).toMatch(/from '\.\/pipeline\.js'/);
  });
});

describe('reportFailure', () => {
  const context = {
    provider: 'atelio',
    instance: 'atelio',
    status: 500,
    code: 'handler_failed',
    eventId: 'e1',
    eventType: 'card.created',
  } as const;

  it("reports a worker's failure to the instance's onError handlers", () => {
    const onError = vi.fn();
    const hooks = createWebhooks({ provider, onError });
    const error = new HandlerError([new Error('boom')], 'card.created');
    adapter.reportFailure(hooks, error, context);
    expect(onError).toHaveBeenCalledWith(error, context);
  });

  it('prints it like the pipeline does when there is no onError, and survives a throwing handler', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      adapter.reportFailure(
        createWebhooks({ provider }),
        new HandlerError([new Error('boom')], 'card.created'),
        context,
      );
      expect(printed).toHaveBeenCalledOnce();
      expect(String(printed.mock.calls[0]![0])).toContain('handler_failed');
    } finally {
      printed.mockRestore();
    }
    const hooks = createWebhooks({
      provider,
      onError: () => {
        throw new Error('alerting down');
      },
    });
    expect(() => adapter.reportFailure(hooks, new Error('x'), context)).not.toThrow();
  });
});
