import { describe, expect, it, vi } from 'vitest';
import {
  atelio,
  createWebhooks,
  eventJsonSchema,
  PayloadTooLargeError,
} from '../src/index.js';
import { refuse, registerBothSpellings, resolveWebhooks, withRegistry } from '../src/adapter.js';

/** The helpers adapters share, so none of them re-implements them. */
const provider = atelio({ secret: 'whsec_helpers_secret' });

describe('resolveWebhooks', () => {
  it('uses an instance as is, alone or with mount options, and creates one from options', () => {
    const instance = createWebhooks({ provider });
    expect(resolveWebhooks(instance)).toBe(instance);
    expect(resolveWebhooks({ webhooks: instance })).toBe(instance);
    const created = resolveWebhooks({ provider, bodyLimit: 10 });
    expect(created).not.toBe(instance);
    expect(created.bodyLimit).toBe(10);
  });
});

describe('refuse', () => {
  it('reports an adapter-side refusal to onError and answers in finhooks format', () => {
    const onError = vi.fn();
    const hooks = createWebhooks({ provider, onError });
    const response = refuse(hooks, new PayloadTooLargeError(5));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(onError).toHaveBeenCalledWith(expect.any(PayloadTooLargeError), expect.objectContaining({ status: 413, provider: 'atelio' }));
  });

  it('turns an unexpected error into a generic 500 that does not quote it', () => {
    const hooks = createWebhooks({ provider, onError: () => undefined });
    const response = refuse(hooks, new Error('secret detail 123-45-6789'));
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('123-45-6789');
  });
});

describe('eventJsonSchema', () => {
  it('gives the JSON Schema of a catalogue type, typing documented fields', () => {
    const schema = eventJsonSchema(provider, 'transactions') as {
      properties: { event: unknown; transaction: { properties: { amount: { type: string } } } };
    };
    expect(schema.properties.event).toEqual({ type: 'string', const: 'transactions' });
    expect(schema.properties.transaction.properties.amount.type).toBe('string');
  });

  it('is undefined outside the catalogue, prototype names included', () => {
    expect(eventJsonSchema(provider, 'card.status.frozen')).toBeUndefined();
    expect(eventJsonSchema(provider, 'constructor')).toBeUndefined();
  });
});

describe('withRegistry', () => {
  it('exposes the instance registry on an adapter function, bound to the instance', async () => {
    const instance = createWebhooks({ provider });
    const middleware = withRegistry(() => 'handled', instance);
    expect(middleware()).toBe('handled');
    expect(middleware.webhooks).toBe(instance);
    const handler = vi.fn();
    const off = middleware.onEvent('card.*', handler);
    await instance.receive({ provider: 'atelio', id: '1', type: 'card.created', receivedAt: new Date(), payload: {}, known: true });
    off();
    await instance.receive({ provider: 'atelio', id: '2', type: 'card.created', receivedAt: new Date(), payload: {}, known: true });
    expect(handler).toHaveBeenCalledOnce();
  });
});

describe('registerBothSpellings', () => {
  it('registers the path, then its other spelling; only once for the root', () => {
    const seen: string[] = [];
    registerBothSpellings('/hooks', (path) => seen.push(path));
    registerBothSpellings('/hooks/', (path) => seen.push(path));
    registerBothSpellings('/', (path) => seen.push(path));
    expect(seen).toEqual(['/hooks', '/hooks/', '/hooks/', '/hooks', '/']);
  });

  it("accepts a router's duplicate refusal of the second spelling, and nothing else", () => {
    const duplicate = Object.assign(new Error('duplicated'), { code: 'FST_ERR_DUPLICATED_ROUTE' });
    let calls = 0;
    registerBothSpellings('/hooks', () => {
      calls += 1;
      if (calls === 2) throw duplicate;
    });
    expect(calls).toBe(2);
    const other = Object.assign(new Error('bad path'), { code: 'FST_ERR_SOMETHING_ELSE' });
    expect(() =>
      registerBothSpellings('/hooks', (path) => {
        if (path.endsWith('/')) throw other;
      }),
    ).toThrow(other);
    expect(() =>
      registerBothSpellings('/hooks', () => {
        throw duplicate;
      }),
    ).toThrow(duplicate);
  });
});
