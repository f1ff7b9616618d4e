import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run the sources on Node: the node:crypto implementations (test/platform.test.ts runs the
    // Web Crypto ones against them).
    alias: {
      '#crypto': source('./src/platform/crypto-node.ts'),
      '#bytes': source('./src/platform/bytes-node.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
