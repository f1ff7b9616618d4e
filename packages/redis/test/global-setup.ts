import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { connectRedis, REDIS_URL } from './support/redis.js';

/** Where the fixture processes are bundled (from TypeScript, with this package's src). */
export const FIXTURES_DIST = fileURLToPath(new URL('./fixtures/dist/', import.meta.url));

/**
 * Fails the whole run at once when Redis is unreachable, then bundles the fixture processes so
 * they run with plain `node` on the current src (bullmq, ioredis and @finhooks/core stay external).
 */
export default async function setup(): Promise<void> {
  const client = await connectRedis(REDIS_URL);
  client.disconnect();
  await build({
    entry: {
      server: fileURLToPath(new URL('./fixtures/server.ts', import.meta.url)),
      worker: fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url)),
      store: fileURLToPath(new URL('./fixtures/store.ts', import.meta.url)),
    },
    outDir: FIXTURES_DIST,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    external: ['@finhooks/core', 'bullmq', 'ioredis'],
    config: false,
    dts: false,
    sourcemap: false,
    clean: true,
    silent: true,
  });
}
