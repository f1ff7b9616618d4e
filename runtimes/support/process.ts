import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Reads the listening port from the output so far (undefined until the server says it is ready);
   * or the port it was told to use, polled until it answers HTTP.
   */
  readonly port: ((output: string) => number | undefined) | number;
  /** How long starting may take, ms (a Next build takes minutes on a busy machine). */
  readonly timeout: number;
}

/** Starts a server process and resolves once it listens; rejects (with its output) if it exits or times out first. */
export function startServer(server: ServerCommand): Promise<RunningServer> {
  const child: ChildProcess = spawn(server.command, server.args, {
    cwd: server.cwd,
    env: { ...process.env, NO_COLOR: '1', ...server.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() ends the runtime and anything it started
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${server.command} did not start within ${server.timeout} ms:\n${output}`));
    }, server.timeout);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = typeof server.port === 'function' ? server.port(output) : undefined;
      if (port !== undefined) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (more: Buffer) => (output += more.toString('utf8')));
        resolve({ url: `http://127.0.0.1:${port}`, output: () => output, stop });
      }
    };
    if (typeof server.port === 'number') {
      const port = server.port;
      const poll = async () => {
        while (child.exitCode === null) {
          try {
            await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
            clearTimeout(timer);
            child.stdout!.on('data', (more: Buffer) => (output += more.toString('utf8')));
            return resolve({ url: `http://127.0.0.1:${port}`, output: () => output, stop });
          } catch {
            await new Promise((wait) => setTimeout(wait, 200));
          }
        }
      };
      void poll();
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    } else child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${server.command} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** A free loopback port (for runtimes that need the port up front). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
