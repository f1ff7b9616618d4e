import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { connectPool } from './support/pg.js';

/**
 * Fails the whole run at once when PostgreSQL is unreachable, then bundles the fixture processes so
 * they run with plain `node` on the current src (pg and @finhooks/core stay external).
 */
export default async function setup(): Promise<void> {
  const pool = await connectPool();
  await pool.end();
  await build({
    entry: {
      store: fileURLToPath(new URL('./fixtures/store.ts', import.meta.url)),
      worker: fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url)),
      receiver: fileURLToPath(new URL('./fixtures/receiver.ts', import.meta.url)),
      'ledger-worker': fileURLToPath(new URL('./fixtures/ledger-worker.ts', import.meta.url)),
    },
    outDir: fileURLToPath(new URL('./fixtures/dist/', import.meta.url)),
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    external: ['@finhooks/core', 'pg'],
    config: false,
    dts: false,
    sourcemap: false,
    clean: true,
    silent: true,
  });
}
