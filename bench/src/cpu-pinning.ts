/**
 * Server and load generator on separate cores. Unpinned on a 2-core machine they trade the same
 * cores, and whichever is slower also makes the other wait: pinning gives each side one core in
 * both modes, so bare and finhooks are measured under the same conditions. Linux `taskset` only;
 * elsewhere (or with one core) nothing is pinned and the report says so.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

const SERVER_CPU = 0;
const LOADER_CPU = 1;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const pinning: { readonly enabled: boolean; readonly description: string } =
  process.platform === 'linux' && cpus().length >= 2 && hasTaskset()
    ? {
        enabled: true,
        description: `server process pinned to CPU ${SERVER_CPU}, benchmark runner and autocannon to CPU ${LOADER_CPU} (taskset)`,
      }
    : {
        enabled: false,
        description: 'not pinned (needs Linux, taskset and 2 cores): server and load generator share the cores',
      };

/** Pins this process (every thread) to the load generator's core. */
export function pinLoader(): void {
  if (pinning.enabled)
    execFileSync('taskset', ['-a', '-p', '-c', String(LOADER_CPU), String(process.pid)], { stdio: 'ignore' });
}

/** `fork` options that start the server under taskset on its own core. */
export function serverLaunch(execArgv: readonly string[]): { execPath: string; execArgv: string[] } {
  if (!pinning.enabled) return { execPath: process.execPath, execArgv: [...execArgv] };
  return { execPath: 'taskset', execArgv: ['-c', String(SERVER_CPU), process.execPath, ...execArgv] };
}
