/**
 * Cold start (issue 17): the smallest node:http handler of each finhooks provider and of each peer,
 * bundled with esbuild (`--bundle --minify --platform=node`, ESM and CJS), then each bundle run in
 * fresh processes: size (minified, gzip) and import + init time (load the bundle, build the handler:
 * what a serverless function pays on every cold start), then one signed request through the bundled
 * handler on a real port, so a bundle that loads but cannot verify an event counts as broken.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median } from './stats.js';

const run = promisify(execFile);
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export const COLD_FORMATS = ['esm', 'cjs'] as const;
export type ColdFormat = (typeof COLD_FORMATS)[number];

/** One request the bundled handler must answer 2xx: headers and body (sent as-is). */
export interface ColdRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Environment the entry reads at init, known only once the request is signed (e.g. a JWKS). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A handler to bundle: its entry source (exports `handler(req, res)`), and a request it must accept. */
export interface ColdEntry {
  readonly name: string;
  readonly label: string;
  readonly source: string;
  /** Environment the entry reads at init (secrets, JWKS). */
  readonly env?: Readonly<Record<string, string>>;
  readonly request: () => Promise<ColdRequest>;
  /** finhooks, or a peer (compared against). */
  readonly peer: boolean;
}

export interface ColdResult {
  readonly name: string;
  readonly label: string;
  readonly peer: boolean;
  readonly format: ColdFormat;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** Median import + init, ms, over fresh processes; NaN when the bundle does not run. */
  readonly importMs: number;
  /**
   * Median CPU time of the same (all threads of the process, ms): steadier than wall time when the
   * machine is shared, since waiting for a core is not counted.
   */
  readonly importCpuMs: number;
  /**
   * Median CPU time of the first request through the handler (ms, all threads, client included):
   * what import + init moved to the first event (e.g. schemas built on first use) shows here.
   */
  readonly firstRequestCpuMs: number;
  /** Why the bundle did not run (first line of the error), if it did not. */
  readonly error?: string;
  /** The biggest inputs of the bundle (bytes of output), from esbuild's metafile. */
  readonly heaviest: readonly { readonly path: string; readonly bytes: number }[];
}

/**
 * The runner each fresh process executes: times the import of the bundle (which builds the handler
 * at top level), then serves one request with it and checks the answer.
 */
const RUNNER = `
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [bundle, format] = process.argv.slice(2);
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const mod = format === 'cjs' ? createRequire(import.meta.url)(bundle) : await import(pathToFileURL(bundle).href);
const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1e3;
const { headers, body } = JSON.parse(process.env.COLD_REQUEST);
const server = createServer((req, res) => mod.handler(req, res));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const c1 = process.cpuUsage();
const status = await new Promise((resolve, reject) => {
  const req = request({ port: server.address().port, method: 'POST', path: '/webhook', headers }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', reject);
  req.end(Buffer.from(body, 'base64'));
});
const requestCpu = process.cpuUsage(c1);
server.close();
process.stdout.write(JSON.stringify({ importMs, cpuMs, requestCpuMs: (requestCpu.user + requestCpu.system) / 1e3, status }));
process.exit(0);
`;

async function bundle(entry: string, outfile: string, format: ColdFormat) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const heaviest = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path: packageOf(path), bytes: bytesInOutput }))
    .reduce<{ path: string; bytes: number }[]>((acc, { path, bytes }) => {
      const found = acc.find((a) => a.path === path);
      if (found) found.bytes += bytes;
      else acc.push({ path, bytes });
      return acc;
    }, [])
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4);
  return heaviest;
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/pkg/…` → `@scope/pkg`; workspace sources by package. */
function packageOf(path: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  if (inModules) return inModules[1]!;
  const workspace = /packages\/([^/]+)\//.exec(path);
  if (workspace) return `@finhooks/${workspace[1]} (own code)`;
  return 'entry';
}

/** A bundle and what its runs measured so far. */
interface Bundled {
  readonly entry: ColdEntry;
  readonly format: ColdFormat;
  readonly outfile: string;
  readonly heaviest: ColdResult['heaviest'];
  readonly request: ColdRequest;
  readonly times: number[];
  readonly cpuTimes: number[];
  readonly requestCpuTimes: number[];
  /** Set by the first run that fails; the bundle is not run again. */
  error?: string;
}

/** One fresh process: import + init, then the request; records the times or the failure. */
async function runOnce(b: Bundled, runner: string): Promise<void> {
  const { entry, request } = b;
  try {
    const { stdout } = await run(process.execPath, [runner, b.outfile, b.format], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        ...entry.env,
        ...request.env,
        COLD_REQUEST: JSON.stringify({ headers: request.headers, body: request.body.toString('base64') }),
      },
      timeout: 30_000,
    });
    const out = JSON.parse(stdout) as { importMs: number; cpuMs: number; requestCpuMs: number; status: number };
    if (out.status < 200 || out.status >= 300) b.error = `the bundled handler answered ${out.status}`;
    else {
      b.times.push(out.importMs);
      b.cpuTimes.push(out.cpuMs);
      b.requestCpuTimes.push(out.requestCpuMs);
    }
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? e);
    const line = /^\s*(?:Uncaught )?\w*Error\b.*$/m.exec(stderr)?.[0] ?? stderr.split('\n')[0]!;
    b.error = line.trim().slice(0, 160);
  }
}

export interface ColdOptions {
  /** Fresh processes per bundle (the median is reported). */
  readonly runs: number;
  readonly log: (line: string) => void;
}

export async function coldStart(entries: readonly ColdEntry[], options: ColdOptions): Promise<ColdResult[]> {
  // Inside the bench package, so esbuild resolves the bench's own dependencies.
  const dir = join(BENCH_DIR, `.coldstart-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const runner = join(dir, 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const results: ColdResult[] = [];
  try {
    // Bundle everything first, then run the processes round-robin (the order reversed every other
    // round): on a shared machine the load drifts, and a bundle measured minutes after stripe's
    // would carry that drift into its ratio.
    const bundles: Bundled[] = [];
    for (const entry of entries) {
      const source = join(dir, `${entry.name}.mjs`);
      writeFileSync(source, entry.source);
      const request = await entry.request();
      for (const format of COLD_FORMATS) {
        const outfile = join(dir, `${entry.name}.bundle.${format === 'esm' ? 'mjs' : 'cjs'}`);
        const heaviest = await bundle(source, outfile, format);
        bundles.push({ entry, format, outfile, heaviest, request, times: [], cpuTimes: [], requestCpuTimes: [] });
      }
    }
    for (let i = 0; i < options.runs; i++) {
      for (const b of i % 2 === 0 ? bundles : [...bundles].reverse()) {
        if (!b.error) await runOnce(b, runner);
      }
    }
    for (const b of bundles) {
      const { entry, format, error } = b;
      const code = readFileSync(b.outfile);
      const result: ColdResult = {
        name: entry.name,
        label: entry.label,
        peer: entry.peer,
        format,
        minifiedBytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
        importMs: error ? Number.NaN : median(b.times),
        importCpuMs: error ? Number.NaN : median(b.cpuTimes),
        firstRequestCpuMs: error ? Number.NaN : median(b.requestCpuTimes),
        ...(error && { error }),
        heaviest: b.heaviest,
      };
      results.push(result);
      options.log(
        `  cold ${entry.name.padEnd(18)} ${format} ${(result.minifiedBytes / 1024).toFixed(0).padStart(5)} KB ` +
          `(gzip ${(result.gzipBytes / 1024).toFixed(0)} KB) import+init ${error ? `FAILED: ${error}` : `${result.importMs.toFixed(1)} ms (CPU ${result.importCpuMs.toFixed(1)} ms), first request CPU ${result.firstRequestCpuMs.toFixed(1)} ms`}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
