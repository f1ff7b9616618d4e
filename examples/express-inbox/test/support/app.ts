/**
 * Starts this example's processes as in production — the web process (`src/server.ts`) and the
 * worker (`src/worker.ts`), configured by environment variables — and stops them with everything
 * they started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The secrets the app runs with in the tests (NODE_ENV=production: the development defaults are refused). */
export const TEST_SECRETS = {
  atomic: 'test-atomic-secret', // @provider atomic
  atelio: 'whsec_testAtelioSecret0123456789', // @provider atelio
};

/** The API client id the app checks the tokens' `aud` against (required in production). */
export const TEST_MONEYHUB_AUDIENCE = 'finhooks-test-client'; // @provider moneyhub

const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  // The worker looks for due events this often when idle (default 1 s): quick tests.
  INBOX_POLL_INTERVAL_MS: '100',
  ATOMIC_API_SECRET: TEST_SECRETS.atomic, // @provider atomic
  ATELIO_WEBHOOK_SECRET: TEST_SECRETS.atelio, // @provider atelio
  MONEYHUB_AUDIENCE: TEST_MONEYHUB_AUDIENCE, // @provider moneyhub
};

export interface RunningProcess {
  /** The web process's URL (the worker has none). */
  readonly url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM (SIGKILL after 10 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ExitedProcess {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnScript(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: APP_DIR,
    env: { ...process.env, ...TEST_ENV, ...env },
    // Its own process group: stop() ends the process and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  return async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
}

/** Starts `script` with `env`; resolves once it prints a line matching `ready`. */
function startScript(script: string, env: Record<string, string>, ready: RegExp, timeoutMs = 30_000): Promise<RunningProcess> {
  const child = spawnScript(script, env);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const stop = stopper(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}. Output:\n${output}`));
    });
    child.stdout!.on('data', () => {
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: (match[1] ?? '').replace(/\/$/, ''), output: () => output, stop });
    });
  });
}

/** The web process on a free port (`PORT=0`). */
export const startApp = (env: Record<string, string>) => startScript('src/server.ts', { PORT: '0', ...env }, /listening on (http:\/\/\S+)/);

/** The worker process. */
export const startWorker = (env: Record<string, string>) => startScript('src/worker.ts', env, /worker running/);

/** Runs `script` with `env` until it exits by itself (e.g. when it cannot start). */
export function runUntilExit(script: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ExitedProcess> {
  const child = spawnScript(script, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopper(child)();
      reject(new Error(`${script} was still running after ${timeoutMs} ms. Output:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
