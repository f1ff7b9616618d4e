/**
 * Starts this example as a child process (its own `src/server.ts`, configured by environment
 * variables as in production) and stops it with everything it started.
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
  ATOMIC_API_SECRET: TEST_SECRETS.atomic, // @provider atomic
  ATELIO_WEBHOOK_SECRET: TEST_SECRETS.atelio, // @provider atelio
  MONEYHUB_AUDIENCE: TEST_MONEYHUB_AUDIENCE, // @provider moneyhub
};

export interface RunningApp {
  readonly url: string;
  /** Everything the app printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface ExitedApp {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnApp(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, ...TEST_ENV, ...env },
    // Its own process group: stop() ends the app and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Starts the app on a free port (`PORT=0`) with `env` added; resolves once it prints its URL. */
export function startApp(env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunningApp> {
  const child = spawnApp({ PORT: '0', ...env });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const stop = stopper(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The app did not start within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with ${code}. Output:\n${output}`));
    });
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!.replace(/\/$/, ''), output: () => output, stop });
    });
  });
}

/** Runs the app with `env` until it exits by itself (e.g. when it cannot listen). */
export function runUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<ExitedApp> {
  const child = spawnApp(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopper(child)();
      reject(new Error(`The app was still running after ${timeoutMs} ms. Output:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
