import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { atelioCatalog, atomicCatalog, eventJsonSchema, moneyhubCatalog } from '../src/index.js';
import { lazy, lazyCatalog } from '../src/lazy-catalog.js';

describe('lazyCatalog', () => {
  it('builds each schema on its first read only, once', () => {
    const built: string[] = [];
    const catalog = lazyCatalog({
      a: () => (built.push('a'), z.object({ a: z.string() })),
      b: () => (built.push('b'), z.object({ b: z.number() })),
    });
    expect(built).toEqual([]);
    expect(Object.keys(catalog)).toEqual(['a', 'b']);
    expect(Object.hasOwn(catalog, 'a')).toBe(true);
    expect(built).toEqual([]);
    const first = catalog.a;
    expect(catalog.a).toBe(first);
    expect(built).toEqual(['a']);
    expect(first.parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(() => catalog.b.parse({ b: 'not a number' })).toThrow();
    expect(built).toEqual(['a', 'b']);
  });

  it('is frozen: a schema cannot be swapped at run time', () => {
    const catalog = lazyCatalog({ a: () => z.string() }) as Record<string, z.ZodType>;
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(() => {
      catalog.a = z.number();
    }).toThrow(TypeError);
    expect(catalog.a!.parse('x')).toBe('x');
  });

  it('lazy() calls its builder once, even when the value is undefined', () => {
    let calls = 0;
    const value = lazy(() => {
      calls++;
      return undefined;
    });
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('gives the built-in catalogues one schema instance per type, shared with the JSON Schema export', () => {
    for (const catalog of [atelioCatalog, atomicCatalog, moneyhubCatalog] as Record<string, z.ZodType>[]) {
      for (const type of Object.keys(catalog)) {
        expect(catalog[type]).toBe(catalog[type]);
        expect(catalog[type]).toBeInstanceOf(z.ZodType);
        expect(eventJsonSchema({ catalog }, type)).toEqual(z.toJSONSchema(catalog[type]!));
      }
    }
  });
});
