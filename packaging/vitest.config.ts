import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packs the published packages once for every test file (support/tarballs.ts).
    globalSetup: ['support/global-setup.ts'],
    testTimeout: 120_000,
    // Above support/npm.ts's NPM_INSTALL_TIMEOUT_MS: an install that hangs fails with npm's own output first.
    hookTimeout: 300_000,
    // Two files at a time at most: each installs and builds real projects (2-core CI).
    maxWorkers: 2,
  },
});
