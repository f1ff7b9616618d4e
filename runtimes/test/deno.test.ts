import { DENO, ROOT } from '../support/binaries.ts';
import { env } from '../support/deliveries.ts';
import { runtimeSuite } from '../support/matrix.ts';
import { startServer } from '../support/process.ts';

const listening = (output: string) => Number(/listening (\d+)/.exec(output)?.[1]) || undefined;

// Deno reads the packages from node_modules (package.json present: "bring your own node_modules"),
// with only the permissions the server needs.
runtimeSuite('Deno', () =>
  startServer({
    command: DENO,
    args: [
      'run',
      '--node-modules-dir=manual',
      '--allow-net=127.0.0.1',
      '--allow-env',
      '--allow-read',
      'servers/deno.ts',
    ],
    cwd: ROOT,
    env: { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: `${ROOT}/node_modules/.cache/deno` },
    port: listening,
    timeout: 60_000,
  }),
);
