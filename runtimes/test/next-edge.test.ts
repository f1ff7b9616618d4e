import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/binaries.ts';
import { env } from '../support/deliveries.ts';
import { runtimeSuite } from '../support/matrix.ts';
import { freePort, startServer } from '../support/process.ts';

/**
 * The Next.js Edge runtime: next-edge/ is an App Router app whose route exports
 * `runtime = 'edge'` and mounts the providers with `@finhooks/next` (`edge-light` condition: no
 * Pages Router, no Node entry of core). A real `next build`, then `next start` on loopback.
 */
const APP = join(ROOT, 'next-edge');
const NEXT = join(ROOT, 'node_modules', '.bin', 'next');
const nextEnv = { NEXT_TELEMETRY_DISABLED: '1' };

runtimeSuite(
  'Next.js Edge runtime',
  async () => {
    await promisify(execFile)(NEXT, ['build'], {
      cwd: APP,
      env: { ...process.env, ...nextEnv },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`next build failed:\n${error.stdout}\n${error.stderr}`);
    });
    const port = await freePort();
    return startServer({
      command: NEXT,
      args: ['start', '-H', '127.0.0.1', '-p', String(port)],
      cwd: APP,
      env: { ...env, ...nextEnv },
      port,
      timeout: 60_000,
    });
  },
  '/api/webhooks',
  600_000,
);
