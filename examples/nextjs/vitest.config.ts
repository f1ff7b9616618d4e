import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting `next start` takes a second or two; a cold 2-core CI runner gets some slack.
    hookTimeout: 60_000,
    testTimeout: 15_000,
    // Each file starts its own `next start` (two for some): two files at a time is enough.
    maxWorkers: 2,
  },
});
