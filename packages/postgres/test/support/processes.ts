import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const FIXTURES_DIST = fileURLToPath(new URL('../fixtures/dist/', import.meta.url));
const running = new Set<ChildProcess>();

export interface FixtureProcess {
  readonly child: ChildProcess;
  /** The `READY …` line's argument (the server's port). */
  readonly ready: string;
  /** Resolves with the exit code (or signal) once the process ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** The last 4,000 characters the process wrote to stderr. */
  stderr(): string;
}

export type FixtureName = 'worker' | 'store' | 'receiver' | 'ledger-worker';

/** Runs a bundled fixture (`store` is driven over stdin) with `env` and waits for its `READY` line. */
export async function startFixture(
  name: FixtureName,
  env: Record<string, string>,
  timeout = 15_000,
): Promise<FixtureProcess> {
  const child = spawn(process.execPath, [join(FIXTURES_DIST, `${name}.js`)], {
    env: { ...process.env, ...env },
    stdio: [name === 'store' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = once(child, 'exit').then(([code, signal]) => {
    running.delete(child);
    return (code ?? signal) as number | NodeJS.Signals;
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} fixture not ready within ${timeout} ms. stderr: ${stderr}`)),
      timeout,
    );
    lines.on('line', (line) => {
      if (!line.startsWith('READY')) return;
      clearTimeout(timer);
      resolve(line.slice('READY'.length).trim());
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} fixture exited (${String(code)}) before it was ready. stderr: ${stderr}`));
    });
  });
  return { child, ready, exited, stderr: () => stderr };
}

/** Kills every fixture process still running (afterAll). */
export async function killFixtures(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
}
