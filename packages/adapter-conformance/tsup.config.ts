import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

// ESM only: Vitest, which the suite registers its tests with, cannot be loaded with require().
export default defineConfig(nodeLibrary({ entry: ['src/index.ts'], format: ['esm'] }));
