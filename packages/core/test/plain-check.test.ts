import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { atelioCatalog, atomicCatalog, moneyhubCatalog } from '../src/index.js';
import { plainCheckOf } from '../src/plain-check.js';
import { validateEvent } from '../src/validate.js';
import { atelio } from '../src/index.js';
import { SchemaValidationError } from '../src/errors.js';
import { atelioDocSamples, atomicDocSamples, type DocSample, moneyhubDocSamples } from '../src/testing.js';

/**
 * The plain predicates of the catalogue schemas (plain-check.ts) against zod itself: they must say
 * "valid" exactly when zod does, and then zod's data must equal the body handed over as is.
 */
const catalogues: readonly (readonly [string, Readonly<Record<string, z.ZodType>>, readonly DocSample[]])[] = [
  ['atelio', atelioCatalog, atelioDocSamples],
  ['atomic', atomicCatalog, atomicDocSamples],
  ['moneyhub', moneyhubCatalog, moneyhubDocSamples],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value` (object keys and array indexes), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...paths(v, [...prefix, key])]);
}

/** A copy of `body` with the value at `path` deleted or replaced. */
function mutate(body: unknown, path: (string | number)[], replacement: Json | undefined): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

function agree(schema: z.ZodType, body: unknown): boolean {
  const check = plainCheckOf(schema)!;
  const parsed = schema.safeParse(body);
  expect(check(body)).toBe(parsed.success);
  if (parsed.success) expect(parsed.data).toStrictEqual(body);
  return parsed.success;
}

describe.each(catalogues)('plain predicates of the %s catalogue', (_name, catalog, samples) => {
  it('exist for every event type', () => {
    for (const type of Object.keys(catalog)) expect(plainCheckOf(catalog[type]!), type).toBeTypeOf('function');
  });

  it('take every documented sample, as zod does, which hands back an equal body', () => {
    for (const sample of samples) {
      const schema = catalog[sample.type];
      if (!schema) continue; // samples of types outside the catalogue are routed unknown, never validated
      expect(agree(schema, sample.body), `${sample.type} (${sample.source})`).toBe(true);
    }
  });

  it('agree with zod on random changes to the samples (deleted keys, other values, other types)', () => {
    const known = samples.filter((s) => Object.hasOwn(catalog, s.type));
    const value: fc.Arbitrary<Json | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
      fc.constantFrom<Json>('', 'True', 'credit', 0, -1.5, true, false, null, [], {}, ['x'], { a: 1 }),
    );
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), value, (which, where, replacement) => {
        const sample = known[which % known.length]!;
        const all = paths(sample.body);
        const body = all.length === 0 ? sample.body : mutate(sample.body, all[where % all.length]!, replacement);
        if (!agree(catalog[sample.type]!, body)) refused++;
      }),
      { numRuns: 3000 },
    );
    // The mutations reach both answers: the property is not only ever checking valid bodies.
    expect(refused).toBeGreaterThan(100);
  });
});

describe('schemas without a predicate: zod decides alone', () => {
  it.each([
    ['a refinement', z.looseObject({ a: z.string().min(1) })],
    ['a string format', z.looseObject({ a: z.email() })],
    ['a number check', z.looseObject({ a: z.number().min(0) })],
    ['a 32-bit integer', z.looseObject({ a: z.int32() })],
    ['coercion', z.looseObject({ a: z.coerce.number() })],
    ['a transform', z.looseObject({ a: z.string().transform((s) => s.length) })],
    ['a default', z.looseObject({ a: z.string().default('x') })],
    ['a strip object (drops unknown keys)', z.object({ a: z.string() })],
    ['a strict object', z.strictObject({ a: z.string() })],
    ['an exclusive union', z.xor([z.string(), z.string()])],
    ['a record with checked keys', z.record(z.string().min(2), z.string())],
    ['a lazy schema', z.lazy(() => z.string())],
  ])('%s', (_what, schema) => {
    expect(plainCheckOf(schema as z.ZodType)).toBeUndefined();
  });

  it('mirrors each kind it compiles', () => {
    const schema = z.looseObject({
      s: z.string(),
      n: z.number(),
      i: z.int(),
      b: z.boolean(),
      nul: z.null(),
      u: z.unknown(),
      // absent, and optional: both fine
      l: z.literal('x'),
      e: z.enum(['a', 'b']),
      o: z.string().optional(),
      nn: z.string().nullable(),
      arr: z.array(z.number()),
      un: z.union([z.literal(1), z.string()]),
      rec: z.record(z.string(), z.boolean()),
    });
    const valid = {
      s: '',
      n: 1.5,
      i: -3,
      b: false,
      nul: null,
      u: [1],
      l: 'x',
      e: 'b',
      nn: null,
      arr: [],
      un: 1,
      rec: { k: true },
      extra: 1,
    };
    expect(plainCheckOf(schema)!(valid)).toBe(true);
    for (const [key, bad] of [
      ['s', 1],
      ['n', '1'],
      ['n', Number.NaN],
      ['n', Number.POSITIVE_INFINITY],
      ['i', 1.5],
      ['i', 2 ** 53],
      ['i', -(2 ** 53)],
      ['b', 'true'],
      ['nul', undefined],
      ['u', undefined],
      ['l', 'y'],
      ['e', 'c'],
      ['o', null],
      ['nn', undefined],
      ['arr', [1, '2']],
      ['arr', { 0: 1 }],
      ['un', 2],
      ['rec', { k: 'yes' }],
      ['rec', []],
    ] as const) {
      // `undefined` stands for an absent key (JSON has no undefined).
      const body: Record<string, unknown> = { ...valid, [key]: bad };
      if (bad === undefined) delete body[key];
      expect(plainCheckOf(schema)!(body), `${key}: ${String(bad)}`).toBe(false);
      expect(schema.safeParse(body).success, `${key}: ${String(bad)}`).toBe(false);
    }
    expect(plainCheckOf(schema)!([valid])).toBe(false);
    expect(plainCheckOf(schema)!(null)).toBe(false);
  });
});

describe('validateEvent with the predicates', () => {
  const provider = atelio({ secret: 'whsec_plain_check' });
  const sample = atelioDocSamples.find((s) => s.type === 'transactions')!;
  const identity = { type: 'transactions', id: 'entity-sha256:x' };

  it('hands a valid body on as the payload itself (no copy)', () => {
    const body = structuredClone(sample.body);
    expect(validateEvent(provider, identity, body, new Date()).payload).toBe(body);
  });

  it("refuses an invalid body with zod's issues, by path and expectation only", () => {
    const body = { ...structuredClone(sample.body), transaction: 'not an object' };
    expect(() => validateEvent(provider, identity, body, new Date())).toThrow(SchemaValidationError);
    try {
      validateEvent(provider, identity, body, new Date());
    } catch (error) {
      expect((error as SchemaValidationError).issues).toEqual([
        { path: 'transaction', code: 'invalid_type', message: 'expected object' },
      ]);
    }
  });
});
