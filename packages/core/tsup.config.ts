import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

/**
 * `#crypto` and `#bytes` stay imports in the output: package.json `imports` picks the node:crypto
 * or the Web Crypto implementation when the app runs (or is bundled), by the runtime's conditions.
 */
export default defineConfig(
  nodeLibrary({
    entry: {
      index: 'src/index.ts',
      adapter: 'src/adapter.ts',
      testing: 'src/testing.ts',
      // Opt-in: the only module that imports @opentelemetry/api (an optional peer dependency).
      opentelemetry: 'src/opentelemetry.ts',
      // Each provider is an entry of its own (not exported): with `splitting`, its catalogue stays in
      // its own module, so an app bundling one provider neither bundles nor builds the others'
      // schemas (`sideEffects: false` lets the bundler drop the unused modules).
      'providers/atomic': 'src/providers/atomic/index.ts',
      'providers/moneyhub': 'src/providers/moneyhub/index.ts',
      'providers/atelio': 'src/providers/atelio/index.ts',
      'platform/crypto-node': 'src/platform/crypto-node.ts',
      'platform/crypto-web': 'src/platform/crypto-web.ts',
      'platform/bytes-node': 'src/platform/bytes-node.ts',
      'platform/bytes-web': 'src/platform/bytes-web.ts',
    },
    splitting: true,
    external: ['#crypto', '#bytes'],
    // Keep `node:crypto` as written: Deno and Bun resolve the prefixed form natively.
    removeNodeProtocol: false,
  }),
);
