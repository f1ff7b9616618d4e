import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

/**
 * `#crypto` and `#bytes` stay imports in the output: package.json `imports` picks the node:crypto
 * or the Web Crypto implementation when the app runs (or is bundled), by the runtime's conditions.
 */
export default defineConfig(
  nodeLibrary({
    entry: [
      'src/index.ts',
      'src/testing.ts',
      'src/web-entry.ts',
      'src/platform/crypto-node.ts',
      'src/platform/crypto-web.ts',
      'src/platform/bytes-node.ts',
      'src/platform/bytes-web.ts',
    ],
    splitting: true,
    external: ['#crypto', '#bytes'],
    // Keep `node:crypto` as written: Deno and Bun resolve the prefixed form natively.
    removeNodeProtocol: false,
  }),
);
