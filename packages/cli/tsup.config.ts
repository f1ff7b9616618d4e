import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS with types. Cleans dist but keeps the bin build's files.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: ['!bin.*'],
    target: 'node20',
  },
  {
    // The executable: ESM only (top-level await), with a shebang; tsup marks it executable.
    entry: ['src/bin.ts'],
    format: ['esm'],
    sourcemap: true,
    clean: ['!index.*'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
