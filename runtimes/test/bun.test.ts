import { BUN, ROOT } from '../support/binaries.ts';
import { env } from '../support/deliveries.ts';
import { runtimeSuite } from '../support/matrix.ts';
import { startServer } from '../support/process.ts';

const listening = (output: string) => Number(/listening (\d+)/.exec(output)?.[1]) || undefined;

runtimeSuite('Bun', () =>
  startServer({ command: BUN, args: ['run', 'servers/bun.ts'], cwd: ROOT, env, port: listening, timeout: 60_000 }),
);
