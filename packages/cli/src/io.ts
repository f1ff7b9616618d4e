import { useColor } from './color.js';

/** Where a command writes, and the environment it reads: the process's, or captured (programmatic use). */
export interface CliIo {
  /** Results: the delivery's status and answer, lists, schemas. Written as is. */
  readonly out: (text: string) => void;
  /** Diagnostics, hints and errors. Written as is. */
  readonly err: (text: string) => void;
  /** Secrets are looked up here (`ATOMIC_API_SECRET`, `ATELIO_WEBHOOK_SECRET`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colour `out` / `err` (see `useColor`). Default: no colour. */
  readonly color?: { readonly out: boolean; readonly err: boolean };
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    color: { out: useColor(process.stdout, process.env), err: useColor(process.stderr, process.env) },
  };
}

/** An `CliIo` that keeps what was written, for tests and scripts that run the program in process. */
export function bufferIo(
  env: Readonly<Record<string, string | undefined>> = {},
): CliIo & { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    env,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
