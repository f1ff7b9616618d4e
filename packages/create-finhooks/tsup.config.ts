import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

// An executable only: ESM (top-level await), with a shebang; no library entry, no types.
export default defineConfig(
  nodeLibrary({ entry: ['src/bin.ts'], format: ['esm'], dts: false, banner: { js: '#!/usr/bin/env node' } }),
);
