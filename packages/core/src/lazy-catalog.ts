import type * as z from 'zod';

/**
 * Builds a value on its first call and returns that same value afterwards. The built-in
 * catalogues wrap every zod schema in one: constructing a zod (classic) schema object costs at
 * run time, and building ~100 event schemas at import made up a third of a bundled handler's
 * cold start (bench/README.md, "Cold start"); an app builds only the types it receives.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/** The catalogue a `lazyCatalog` call returns: each builder's schema under its key. */
export type LazyCatalog<B extends Readonly<Record<string, () => z.ZodType>>> = {
  readonly [K in keyof B]: ReturnType<B[K]>;
};

/**
 * A catalogue (event type → zod schema) whose schemas are built on first access: each key is an
 * enumerable getter that builds its schema once (`lazy`). Keys, `Object.keys` order,
 * `Object.hasOwn` and the types are those of a plain object of the built schemas; only the
 * moment each schema is built changes.
 */
export function lazyCatalog<const B extends Readonly<Record<string, () => z.ZodType>>>(builders: B): LazyCatalog<B> {
  const catalog = {};
  for (const type of Object.keys(builders)) {
    Object.defineProperty(catalog, type, { get: lazy(builders[type]!), enumerable: true });
  }
  return Object.freeze(catalog) as LazyCatalog<B>;
}
