/** Runs the built CLI as a child process: what a user runs, exit code and both streams. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Where the CLI keeps its development Moneyhub key during tests (not the user's cache). */
export const TEST_DEV_KEY_FILE = join(tmpdir(), `finhooks-cli-test-${process.pid}`, 'moneyhub-dev-key.json');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout + stderr: everything a user would see. */
  readonly all: string;
}

/**
 * `node dist/bin.js …args` with a clean environment (PATH only, plus `env`): no secret leaks in
 * from the developer's shell. Async, so this process can serve the receiver meanwhile.
 */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI first (pnpm --filter @finhooks/cli build).`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', FINHOOKS_DEV_KEY: TEST_DEV_KEY_FILE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, all: stdout + stderr }));
  });
}
