import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // test/fixtures holds an example app, whose own tests are fixture files, not tests of this package.
  test: { include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/fixtures/**'], testTimeout: 30_000 },
});
