/** Exit codes: 0 success, 1 the delivery failed (refused, unreachable), 2 bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure reported in one line, with the exit code it maps to. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.failed, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** Bad input: unknown provider or event type, missing secret, unreadable file, bad option. Exit 2. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.usage, options);
  }
}
