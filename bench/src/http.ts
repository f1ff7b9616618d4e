/**
 * The HTTP benchmark: each framework bare and with the finhooks adapter, in child processes,
 * driven by autocannon over loopback with distinct signed requests; interleaved rounds, medians.
 */
import { serverLaunch } from './cpu-pinning.js';
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Framework, type Mode, type PayloadKind, WEBHOOK_PATH } from './config.js';
import type { Delivery } from './payloads.js';
import { median, percentile } from './stats.js';

export interface LoadShape {
  /** Requests sent before measuring (JIT, caches, connection set-up), per server process. */
  readonly warmup: number;
  /** Requests measured, per server process. */
  readonly amount: number;
  readonly connections: number;
  readonly pipelining: number;
}

export interface HttpPlan {
  readonly frameworks: readonly Framework[];
  readonly payloads: readonly PayloadKind[];
  readonly rounds: number;
  readonly shape: Readonly<Record<PayloadKind, LoadShape>>;
  readonly pools: Readonly<Record<PayloadKind, readonly Delivery[]>>;
  /** The same bodies signed for a peer's server mode (e.g. octokit's headers), used instead of `pools` in that mode. */
  readonly peerPools?: Partial<Record<Mode, Partial<Record<PayloadKind, readonly Delivery[]>>>>;
  readonly jwks: unknown;
  readonly log: (line: string) => void;
}

/** One measured run of one server process. */
export interface Measurement {
  readonly framework: Framework;
  readonly mode: Mode;
  readonly payload: PayloadKind;
  readonly round: number;
  readonly requests: number;
  readonly seconds: number;
  readonly reqPerSec: number;
  /** Latency percentiles, ms (every response recorded, no histogram rounding). */
  readonly p50: number;
  readonly p99: number;
  /** `VmHWM` of the server process after the run, and its `VmRSS` once listening, KiB. */
  readonly peakRssKiB: number;
  readonly idleRssKiB: number;
  /** Server CPU time over the measured window, % of one core (all its threads). */
  readonly serverCpu: number;
  /** Load generator (this process) CPU time over the measured window, % of one core. */
  readonly loaderCpu: number;
  /** CPU used by other processes on the machine during the window (/proc/stat), % of one core. */
  readonly foreignCpu: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly errors: number;
  /** Events that reached the handler (finhooks) or were parsed (bare) in the measured window. */
  readonly handled: number;
  /** Why this figure cannot be trusted, if it cannot. */
  readonly invalid?: string;
  readonly serverErrors: readonly string[];
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const SERVER_TS = fileURLToPath(new URL('./server.ts', import.meta.url));
const SERVER_JS = join(BENCH_DIR, 'dist', 'server.js');

/**
 * The server entry: the compiled `dist/server.js` (plain node, so the measured RSS is the
 * framework's and finhooks', not tsx's loader thread, ~60 MB) unless it is missing or older than a
 * source file, then `src/server.ts` through tsx (figures then include tsx's memory, on both sides).
 */
export function serverEntry(): { file: string; execArgv: string[]; compiled: boolean } {
  const srcDir = join(BENCH_DIR, 'src');
  const built = existsSync(SERVER_JS) ? statSync(SERVER_JS).mtimeMs : 0;
  const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(join(srcDir, f)).mtimeMs));
  if (built >= newest) return { file: SERVER_JS, execArgv: [], compiled: true };
  return { file: SERVER_TS, execArgv: ['--import', 'tsx'], compiled: false };
}

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  readonly errors: string[];
  stats(): Promise<{ handled: number; cpuMicros: number }>;
  profile(command: { start?: boolean; stop?: string }): Promise<void>;
}

async function startServer(framework: Framework, mode: Mode, payload: PayloadKind, jwks: unknown): Promise<Child> {
  const entry = serverEntry();
  const child = fork(entry.file, [], {
    ...serverLaunch(entry.execArgv),
    cwd: BENCH_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_FRAMEWORK: framework,
      BENCH_MODE: mode,
      BENCH_PAYLOAD: payload,
      BENCH_JWKS: JSON.stringify(jwks),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const errors: string[] = [];
  const waiters: ((stats: { handled: number; cpuMicros: number }) => void)[] = [];
  const profileWaiters: (() => void)[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${framework}/${mode} did not start in 30 s`)), 30_000);
    child.on(
      'message',
      (message: {
        ready?: boolean;
        port?: number;
        fatal?: string;
        error?: string;
        stats?: { handled: number; cpuMicros: number };
        profiled?: boolean;
      }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve(message.port!);
        } else if (message.fatal) {
          clearTimeout(timer);
          reject(new Error(`${framework}/${mode} failed to start: ${message.fatal}`));
        } else if (message.error) {
          errors.push(message.error);
        } else if (message.stats) {
          waiters.shift()?.(message.stats);
        } else if (message.profiled) {
          profileWaiters.shift()?.();
        }
      },
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${framework}/${mode} exited with ${code}`));
    });
  });
  return {
    process: child,
    port,
    errors,
    stats: () =>
      new Promise((resolve) => {
        waiters.push(resolve);
        child.send({ stats: true });
      }),
    profile: (command) =>
      new Promise((resolve) => {
        profileWaiters.push(resolve);
        child.send({ profile: command });
      }),
  };
}

async function stopServer(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  await exited;
}

/** `VmHWM` (peak RSS) and `VmRSS` of a process, KiB, from /proc (0 where /proc is missing). */
export function memoryOf(pid: number): { peakKiB: number; rssKiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { peakKiB: field('VmHWM'), rssKiB: field('VmRSS') };
  } catch {
    return { peakKiB: 0, rssKiB: 0 };
  }
}

/** Busy CPU time of the whole machine so far, µs (from /proc/stat; 0 where it is missing). */
export function systemBusyMicros(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10_000;
  } catch {
    return 0;
  }
}

interface Cursor {
  next: number;
  wrapped: boolean;
}

interface Drive {
  readonly seconds: number;
  readonly latencies: Float64Array;
  readonly count: number;
  readonly statusCodes: Record<string, number>;
  readonly errors: number;
  readonly loaderCpuMicros: number;
}

/**
 * Sends `amount` requests from the pool (continuing at `cursor`) and records every response.
 * The window ends at the last response, not when autocannon resolves: autocannon checks for the
 * end of a count-bounded run only at its sampling tick, which would round the window up.
 */
async function drive(
  port: number,
  pool: readonly Delivery[],
  cursor: Cursor,
  amount: number,
  shape: LoadShape,
): Promise<Drive> {
  const latencies = new Float64Array(amount);
  const statusCodes: Record<string, number> = {};
  let count = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let tEnd = t0;
  let cpuEnd = cpu0;
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
        connections: shape.connections,
        pipelining: shape.pipelining,
        amount,
        timeout: 30,
        sampleInt: 100,
        requests: [
          {
            method: 'POST',
            path: WEBHOOK_PATH,
            setupRequest(request) {
              if (cursor.next >= pool.length) cursor.wrapped = true;
              const delivery = pool[cursor.next++ % pool.length]!;
              request.headers = { ...delivery.headers };
              request.body = delivery.body;
              return request;
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (count < latencies.length) latencies[count] = responseTime;
    count++;
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (count === amount) {
      tEnd = process.hrtime.bigint();
      cpuEnd = process.cpuUsage();
    }
  });
  const result = await done;
  if (count < amount) {
    tEnd = process.hrtime.bigint();
    cpuEnd = process.cpuUsage();
  }
  return {
    seconds: Number(tEnd - t0) / 1e9,
    latencies: latencies.subarray(0, Math.min(count, latencies.length)),
    count,
    statusCodes,
    errors: result.errors + result.timeouts,
    loaderCpuMicros: cpuEnd.user - cpu0.user + (cpuEnd.system - cpu0.system),
  };
}

/** Starts one server, warms it up, measures it, stops it. */
export async function measure(
  framework: Framework,
  mode: Mode,
  payload: PayloadKind,
  round: number,
  plan: HttpPlan,
  profilePath?: string,
): Promise<Measurement> {
  const pool = plan.peerPools?.[mode]?.[payload] ?? plan.pools[payload];
  const shape = plan.shape[payload];
  const child = await startServer(framework, mode, payload, plan.jwks);
  try {
    const idle = memoryOf(child.process.pid!);
    const cursor: Cursor = { next: 0, wrapped: false };
    const warm = await drive(child.port, pool, cursor, shape.warmup, shape);
    if (profilePath) await child.profile({ start: true });
    const before = await child.stats();
    const system0 = systemBusyMicros();
    const run = await drive(child.port, pool, cursor, shape.amount, shape);
    const systemBusy = systemBusyMicros() - system0;
    const after = await child.stats();
    if (profilePath) await child.profile({ stop: profilePath });
    const memory = memoryOf(child.process.pid!);
    const handled = after.handled - before.handled;
    const ok = Object.entries(run.statusCodes).reduce((n, [code, c]) => (code.startsWith('2') ? n + c : n), 0);
    const problems: string[] = [];
    const warmNon2xx = Object.entries(warm.statusCodes).filter(([code]) => !code.startsWith('2'));
    if (ok !== run.count || warmNon2xx.length > 0) {
      problems.push(`non-2xx answers: ${JSON.stringify({ ...warm.statusCodes, ...run.statusCodes })}`);
    }
    if (run.errors > 0 || warm.errors > 0) problems.push(`${run.errors + warm.errors} socket errors/timeouts`);
    if (cursor.wrapped) problems.push(`request pool of ${pool.length} recycled: duplicates were sent`);
    if (handled !== ok)
      problems.push(`${ok} answered 2xx but ${handled} reached the handler (duplicates short-circuited?)`);
    const sorted = Float64Array.from(run.latencies).sort();
    const serverCpu = ((after.cpuMicros - before.cpuMicros) / 1e6 / run.seconds) * 100;
    const loaderCpu = (run.loaderCpuMicros / 1e6 / run.seconds) * 100;
    // Everything else the machine ran meanwhile (other processes): noise that hit this figure.
    const foreignCpu = Math.max(0, (systemBusy / 1e6 / run.seconds) * 100 - serverCpu - loaderCpu);
    return {
      framework,
      mode,
      payload,
      round,
      requests: run.count,
      seconds: run.seconds,
      reqPerSec: ok / run.seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      peakRssKiB: memory.peakKiB,
      idleRssKiB: idle.rssKiB,
      serverCpu,
      loaderCpu,
      foreignCpu,
      statusCodes: run.statusCodes,
      errors: run.errors,
      handled,
      ...(problems.length > 0 && { invalid: problems.join('; ') }),
      serverErrors: child.errors,
    };
  } finally {
    await stopServer(child);
  }
}

/** One row of the summary: medians over rounds of one framework × payload × mode. */
export interface Summary extends Pick<
  Measurement,
  | 'framework'
  | 'payload'
  | 'mode'
  | 'reqPerSec'
  | 'p50'
  | 'p99'
  | 'peakRssKiB'
  | 'idleRssKiB'
  | 'serverCpu'
  | 'loaderCpu'
  | 'foreignCpu'
  | 'invalid'
> {
  readonly rounds: number;
}

export function summarise(
  measurements: readonly Measurement[],
  framework: Framework,
  payload: PayloadKind,
  mode: Mode,
): Summary | undefined {
  const runs = measurements.filter((m) => m.framework === framework && m.payload === payload && m.mode === mode);
  if (runs.length === 0) return undefined;
  const invalid = runs.filter((m) => m.invalid).map((m) => `round ${m.round}: ${m.invalid}`);
  return {
    framework,
    payload,
    mode,
    reqPerSec: median(runs.map((m) => m.reqPerSec)),
    p50: median(runs.map((m) => m.p50)),
    p99: median(runs.map((m) => m.p99)),
    peakRssKiB: Math.max(...runs.map((m) => m.peakRssKiB)),
    idleRssKiB: median(runs.map((m) => m.idleRssKiB)),
    serverCpu: median(runs.map((m) => m.serverCpu)),
    loaderCpu: median(runs.map((m) => m.loaderCpu)),
    foreignCpu: median(runs.map((m) => m.foreignCpu)),
    rounds: runs.length,
    ...(invalid.length > 0 && { invalid: invalid.join(' | ') }),
  };
}

/**
 * Every framework × payload, bare and adapter back to back (order alternating per round, so drift
 * and noise hit both alike), `rounds` times.
 */
export async function runHttp(plan: HttpPlan): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    for (const payload of plan.payloads) {
      for (const framework of plan.frameworks) {
        const order: Mode[] = round % 2 === 1 ? ['bare', 'finhooks'] : ['finhooks', 'bare'];
        for (const mode of order) {
          const m = await measure(framework, mode, payload, round, plan);
          measurements.push(m);
          plan.log(
            `  round ${round} ${payload.padEnd(13)} ${framework.padEnd(8)} ${mode.padEnd(8)} ` +
              `${m.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(2)} ms  p99 ${m.p99.toFixed(2)} ms  ` +
              `peak RSS ${(m.peakRssKiB / 1024).toFixed(0)} MiB  CPU server ${m.serverCpu.toFixed(0)}% loader ${m.loaderCpu.toFixed(0)}% other ${m.foreignCpu.toFixed(0)}%` +
              (m.invalid ? `  INVALID: ${m.invalid}` : '') +
              (m.serverErrors.length > 0 ? `  server: ${m.serverErrors[0]}` : ''),
          );
        }
      }
    }
  }
  return measurements;
}
