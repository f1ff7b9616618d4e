import { describe, expect, it, vi } from 'vitest';
import {
  atelio,
  createWebhooks,
  defineProvider,
  type ErrorContext,
  handleRequest,
  type IdempotencyStore,
  memoryStore,
} from '../src/index.js';
import { createTestRequest } from '../src/testing.js';
import { json, rawPost } from './support/request.js';

/**
 * Store keys are `${name}:${eventId}`: two instances of one provider sharing a store (one per
 * region, say) each process the same-looking event, and `name` reaches onError and the event.
 */
const SECRET = 'whsec_instance_name_test';

/**
 * A real memory store that also records the keys it is asked to claim; every other call (and
 * every argument) goes through untouched, whatever the store contract grows.
 */
function recordingStore(): { store: IdempotencyStore; keys: string[] } {
  const inner = memoryStore();
  const keys: string[] = [];
  const store = new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'claim') keys.push(args[0] as string);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, keys };
}

describe('instance name', () => {
  it('two instances of one provider sharing a store both process the same-looking event', async () => {
    const { store, keys } = recordingStore();
    const eu = vi.fn();
    const us = vi.fn();
    const hooksEu = createWebhooks({ provider: atelio({ secret: SECRET }), name: 'atelio-eu', store, on: { '*': eu } });
    const hooksUs = createWebhooks({ provider: atelio({ secret: SECRET }), name: 'atelio-us', store, on: { '*': us } });
    const delivery = await createTestRequest(hooksEu.provider, 'card.created');

    expect(json(await handleRequest(hooksEu, delivery))).toEqual({ received: true });
    expect(json(await handleRequest(hooksUs, delivery))).toEqual({ received: true });
    // Each still de-duplicates its own redeliveries.
    expect(json(await handleRequest(hooksEu, delivery))).toEqual({ received: true, duplicate: true });
    expect(json(await handleRequest(hooksUs, delivery))).toEqual({ received: true, duplicate: true });

    expect(eu).toHaveBeenCalledOnce();
    expect(us).toHaveBeenCalledOnce();
    const id = eu.mock.calls[0]![0].id as string;
    expect(us.mock.calls[0]![0].id).toBe(id);
    expect(keys.slice(0, 2)).toEqual([`atelio-eu:${id}`, `atelio-us:${id}`]);
    expect(eu.mock.calls[0]![0].instance).toBe('atelio-eu');
    expect(us.mock.calls[0]![0].instance).toBe('atelio-us');
  });

  it('two instances with the same name (the default: the provider name) share keys: the second is a duplicate', async () => {
    const store = memoryStore();
    const first = createWebhooks({ provider: atelio({ secret: SECRET }), store });
    const second = createWebhooks({ provider: atelio({ secret: SECRET }), store });
    expect([first.name, second.name]).toEqual(['atelio', 'atelio']);
    const delivery = await createTestRequest(first.provider, 'card.created');
    expect(json(await handleRequest(first, delivery))).toEqual({ received: true });
    expect(json(await handleRequest(second, delivery))).toEqual({ received: true, duplicate: true });
  });

  it('reports the instance name to onError', async () => {
    const contexts: ErrorContext[] = [];
    const hooks = createWebhooks({
      provider: atelio({ secret: SECRET }),
      name: 'atelio-us',
      onError: (_error, context) => void contexts.push(context),
    });
    const response = await handleRequest(hooks, rawPost('{}'));
    expect(response.status).toBe(401);
    expect(contexts).toEqual([expect.objectContaining({ provider: 'atelio', instance: 'atelio-us', status: 401 })]);
  });

  it.each([
    ['empty', ''],
    ['with a colon (it ends the name in a key)', 'atelio:eu'],
    ['with a space', 'atelio eu'],
    ['with a slash', 'atelio/eu'],
    ['starting with a dot', '.atelio'],
    ['over 64 characters', 'a'.repeat(65)],
    ['not a string', 42],
  ])('refuses a name %s at start-up', (_what, name) => {
    expect(() => createWebhooks({ provider: atelio({ secret: SECRET }), name: name as string })).toThrow(
      /not a valid instance name.*1–64 characters/,
    );
  });

  it('accepts 64 characters of letters, digits, ".", "_" and "-"', () => {
    const name = `Atelio_EU-1.${'x'.repeat(52)}`;
    expect(name).toHaveLength(64);
    expect(createWebhooks({ provider: atelio({ secret: SECRET }), name }).name).toBe(name);
  });

  it('asks for a name when the provider name cannot be one', () => {
    const provider = defineProvider({
      name: 'my provider',
      catalog: {},
      verify: () => undefined,
      identify: () => ({ type: 't', id: '1' }),
    });
    expect(() => createWebhooks({ provider })).toThrow(/pass `name` to createWebhooks/);
    expect(createWebhooks({ provider, name: 'mine' }).name).toBe('mine');
  });

  it('bounds the key of a custom provider whose ids are long', async () => {
    const { store, keys } = recordingStore();
    const provider = defineProvider({
      name: 'custom',
      catalog: {},
      verify: () => undefined,
      identify: (body) => ({ type: 't', id: String((body as { id: string }).id) }),
    });
    const hooks = createWebhooks({ provider, store });
    const short = 'x'.repeat(256);
    for (const id of [short, `${short}y`, `${short}z`]) {
      expect(json(await handleRequest(hooks, rawPost(JSON.stringify({ id }))))).toEqual({ received: true });
    }
    expect(keys[0]).toBe(`custom:${short}`);
    expect(keys[1]).toMatch(/^custom:sha256:[0-9a-f]{64}$/);
    expect(keys[2]).toMatch(/^custom:sha256:[0-9a-f]{64}$/);
    expect(keys[1]).not.toBe(keys[2]);
  });
});
