/**
 * Colour in the CLI's output: only where a person reads it. The same conventions as commander (which
 * prints the help): `NO_COLOR` (non-empty) or `FORCE_COLOR=0|false` turn it off, `FORCE_COLOR` (any
 * other value) or `CLICOLOR_FORCE` turn it on, otherwise only on a terminal that supports colours.
 */
export interface ColorStream {
  readonly isTTY?: boolean | undefined;
  hasColors?(): boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Whether to colour what is written to `stream`. */
export function useColor(stream: ColorStream, env: Env): boolean {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined || env.CLICOLOR_FORCE !== undefined) return true;
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

export interface Paint {
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly red: (text: string) => string;
  readonly dim: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** SGR colours when `enabled`, the text unchanged otherwise. */
export function paint(enabled: boolean): Paint {
  return enabled
    ? { green: ansi(32, 39), yellow: ansi(33, 39), red: ansi(31, 39), dim: ansi(2, 22) }
    : { green: plain, yellow: plain, red: plain, dim: plain };
}
