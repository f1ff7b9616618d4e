import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

export default defineConfig(
  nodeLibrary({
    entry: ['src/index.ts'],
    // Like official Fastify plugins, `require('@finhooks/fastify')` is the plugin itself, with
    // `.default` and the named exports on it (esbuild alone would give a non-callable namespace).
    footer: ({ format }) =>
      format === 'cjs' ? { js: 'module.exports = Object.assign(module.exports.default, module.exports);' } : {},
  }),
);
