import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/io.js';

export interface CapturedIo extends Io {
  readonly stdin: PassThrough & { isTTY?: boolean };
  output(): string;
  errors(): string;
}

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Streams for an in-process run: a terminal on both ends when `tty`, else a pipe (as in CI). */
export function captureIo(cwd: string, { tty = false, env = {} }: { tty?: boolean; env?: Io['env'] } = {}): CapturedIo {
  // A terminal's stdin also has setRawMode, which clack calls; keys arrive one write at a time.
  const stdin = Object.assign(new PassThrough(), tty ? { isTTY: true, setRawMode: () => stdin } : {});
  const stdout = new Capture(tty);
  const stderr = new Capture(tty);
  return { stdin, stdout, stderr, env, cwd, output: () => stdout.text, errors: () => stderr.text };
}
