/**
 * `npm run dev`: the web process and the worker side by side, their output prefixed. Ctrl+C (or
 * SIGTERM) stops both gracefully; if one exits, the other is stopped too.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const processes: Array<[name: string, child: ChildProcess]> = [
  ['web', spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { stdio: ['ignore', 'pipe', 'pipe'] })],
  ['worker', spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { stdio: ['ignore', 'pipe', 'pipe'] })],
];

let stopping = false;
const stopAll = () => {
  if (stopping) return;
  stopping = true;
  for (const [, child] of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
};

let running = processes.length;
let failed = false;
for (const [name, child] of processes) {
  for (const stream of [child.stdout!, child.stderr!]) {
    const out = stream === child.stdout ? process.stdout : process.stderr;
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) out.write(`${name.padEnd(6)} | ${line}\n`);
    });
  }
  child.on('exit', (code) => {
    failed ||= code !== 0 && !stopping;
    stopAll();
    if (--running === 0) process.exit(failed ? 1 : 0);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stopAll);
