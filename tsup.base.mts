import type { Options } from 'tsup';

/**
 * What every published package builds: ESM and CommonJS for Node 20, with types and source maps.
 * Each package's `tsup.config.ts` adds its entries and anything of its own (a bin, a CJS footer).
 */
export function nodeLibrary(options: Options): Options {
  return { format: ['esm', 'cjs'], dts: true, sourcemap: true, clean: true, target: 'node20', ...options };
}
