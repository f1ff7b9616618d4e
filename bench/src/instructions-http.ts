/**
 * Server instructions per HTTP request (issue 17), for a machine too busy for CPU-time figures:
 * the bench's own node:http server (`server.ts`, bundled by `instructions-http.sh`) runs under
 * `valgrind --tool=callgrind` in `finhooks`, `octokit` or `bare` mode; this driver, outside valgrind,
 * sends it a warm-up and then N distinct signed ~1 KB Atelio deliveries (GitHub-signed for octokit),
 * one at a time on one keep-alive connection, checks every answer, and stops it. Two runs per mode,
 * with 0 and with N measured requests, subtracted and divided by N: the server's own instructions
 * per request (HTTP parsing, the body read, the handler, the answer), start-up and warm-up cancelled.
 * The kernel's share of each syscall is not counted; every mode makes the same syscalls per request.
 *
 *   node instructions-http.mjs <server bundle> <mode…>     (see bench/README.md "Instruction counts")
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { WEBHOOK_PATH, type Mode } from './config.js';
import { octokitPool } from './http-peers.js';
import { atelioPool, type Delivery } from './payloads.js';

const N = Number(process.env.N ?? 4000);
/**
 * Holds the first major GC after start-up (finhooks' store reaches V8's initial old-space limit) in both
 * runs, and fills the store past its 10,000 entries: the measured requests evict as a busy server's do.
 */
const WARMUP = Number(process.env.WARMUP ?? 12_000);
const OUT = process.env.OUT ?? '/tmp/finhooks-instructions';

/** Starts the server bundle under callgrind; resolves with its port once it listens. */
function start(bundle: string, mode: Mode, out: string) {
  const child = fork(bundle, [], {
    execPath: 'valgrind',
    execArgv: [
      '--tool=callgrind',
      '--smc-check=all-non-file',
      `--callgrind-out-file=${out}`,
      process.execPath,
      // No memory reducer: it starts major GCs by the clock, and under valgrind a request takes
      // milliseconds, so it fired at random in either run (counts varied by ±7 %; without it, ±2 %).
      ...(process.env.NODE_FLAGS ?? '--single-threaded --no-memory-reducer').split(' ').filter(Boolean),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_FRAMEWORK: 'node',
      BENCH_MODE: mode,
      BENCH_PAYLOAD: 'atelio-1k',
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number>((resolve, reject) =>
    child.on('exit', () => {
      const collected = /Collected : (\d+)/.exec(stderr);
      if (collected) resolve(Number(collected[1]));
      else reject(new Error(`no callgrind total:\n${stderr.slice(-2000)}`));
    }),
  );
  const port = new Promise<number>((resolve, reject) => {
    child.on('message', (message: { ready?: boolean; port?: number; error?: string; fatal?: string }) => {
      if (message.ready) resolve(message.port!);
      if (message.fatal || message.error) reject(new Error(message.fatal ?? message.error));
    });
    child.on('exit', () => reject(new Error(`server exited before listening:\n${stderr.slice(-2000)}`)));
  });
  return { child, port, exited };
}

function post(agent: Agent, port: number, delivery: Delivery): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: WEBHOOK_PATH, headers: delivery.headers },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(delivery.body);
  });
}

/** Total instructions of one server run: warm-up, then `measured` requests, then exit. */
async function count(bundle: string, mode: Mode, pool: readonly Delivery[], measured: number): Promise<number> {
  const server = start(bundle, mode, `${OUT}/http-${mode}.${measured}.out`);
  const port = await server.port;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < WARMUP + measured; i++) await post(agent, port, pool[i]!);
  agent.destroy();
  server.child.kill('SIGTERM');
  return server.exited;
}

const [bundle, ...modes] = process.argv.slice(2);
if (!bundle) throw new Error('usage: instructions-http.mjs <server bundle> [finhooks octokit bare]');
// Distinct events throughout: a duplicate would be answered without its handler and flatter finhooks.
const atelio = await atelioPool(WARMUP + N);
const pools: Record<Mode, readonly Delivery[]> = { finhooks: atelio, bare: atelio, octokit: await octokitPool(atelio) };
for (const mode of (modes.length > 0 ? modes : ['finhooks', 'octokit', 'bare']) as Mode[]) {
  const base = await count(bundle, mode, pools[mode], 0);
  const full = await count(bundle, mode, pools[mode], N);
  console.log(`http ${mode} ${Math.round((full - base) / N)} instructions/request (N=${N})`);
}
