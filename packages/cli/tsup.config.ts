import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

export default defineConfig([
  // The library. Cleans dist but keeps the bin build's files.
  nodeLibrary({ entry: ['src/index.ts'], clean: ['!bin.*'] }),
  // The executable: ESM only (top-level await), with a shebang; tsup marks it executable.
  nodeLibrary({
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: ['!index.*'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
