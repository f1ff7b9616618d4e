/**
 * Runs a command the way a packaging test needs it: in its own process group (so a timeout or a
 * failure kills the command *and* everything it started — npm's install scripts, a dev server), with a
 * deadline shorter than vitest's hook timeout, and an error that carries the command's own words
 * (the tail of its stderr and stdout) instead of a bare "Hook timed out".
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd: string;
  /** Added to (or, with `undefined`, removed from) the inherited environment. */
  readonly env?: Record<string, string | undefined>;
  /** Kills the whole process group after this long. Default 120 s. */
  readonly timeoutMs?: number;
  /** Text written to stdin, which is then closed. */
  readonly input?: string;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** How much of a failed command's output goes into the error message. */
const TAIL_CHARS = 4_000;

/** A command that exited non-zero, was killed by a signal, or ran past its deadline. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly reason: string,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`\`${command}\` ${reason}.${section('stderr', stderr)}${section('stdout', stdout)}`);
    this.name = 'CommandError';
  }
}

function section(name: string, text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const tail = trimmed.length > TAIL_CHARS ? `…${trimmed.slice(-TAIL_CHARS)}` : trimmed;
  return `\n--- ${name} (tail) ---\n${tail}`;
}

/** Children still running, killed (by group) if the test process exits before they do. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills `child` and every process in its group; quiet if they are already gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has already exited.
  }
}

/**
 * Spawns `command` detached in a new process group and tracks it, so that `killGroup` reaches its
 * children too and nothing outlives the test run. For long-running processes (servers) the caller
 * owns the child; `run` below is the one-shot form.
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: Omit<RunOptions, 'timeoutMs' | 'input'>,
  stdin: 'pipe' | 'ignore' = 'ignore',
): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const child of running) killGroup(child, 'SIGKILL');
    });
  }
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: [stdin, 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Runs `command` to completion; rejects with a `CommandError` (output tail included) on failure or timeout. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const display = [command, ...args].join(' ');
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, options, options.input === undefined ? 'ignore' : 'pipe');
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE: the command exited without reading; its exit code tells.
      child.stdin.end(options.input);
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      // A process that ignores SIGTERM still goes.
      setTimeout(() => killGroup(child, 'SIGKILL'), 2_000).unref();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new CommandError(display, `could not start (${error.message})`, stdout, stderr));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // On failure, whatever the command left running in its group goes too.
      if (timedOut || code !== 0) killGroup(child, 'SIGKILL');
      if (timedOut) reject(new CommandError(display, `did not finish within ${Math.round(timeoutMs / 1000)} s and was killed`, stdout, stderr));
      else if (code !== 0) reject(new CommandError(display, signal ? `was killed by ${signal}` : `exited with code ${code}`, stdout, stderr));
      else resolve({ stdout, stderr });
    });
  });
}
