import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting `next start` takes a second or two; a cold 2-core CI runner gets some slack.
    hookTimeout: 60_000,
    testTimeout: 15_000,
  },
});
