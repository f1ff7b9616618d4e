/**
 * The fixture Next.js app (test/fixture-app: App Router and Pages Router routes mounting this
 * package's build, dist/), built with `next build` when its inputs changed and served by `next start` on
 * a free loopback port: the real Next.js router in front of the adapter.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixture-app/', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const NEXT_BIN = join(PACKAGE_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
const BUILD_ID = join(FIXTURE_DIR, '.next', 'BUILD_ID');
const ENV = { NEXT_TELEMETRY_DISABLED: '1' };

/** Newest modification time of the files under `dir` (skipping build output and dependencies). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.next' || entry.name === 'node_modules' || entry.name === 'next-env.d.ts') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether the last build is older than the fixture, the adapter's build or @finhooks/core's. */
function stale(): boolean {
  if (!existsSync(BUILD_ID)) return true;
  const core = join(PACKAGE_DIR, 'node_modules', '@finhooks', 'core', 'dist');
  const inputs = Math.max(newest(FIXTURE_DIR), newest(join(PACKAGE_DIR, 'dist')), newest(core));
  return statSync(BUILD_ID).mtimeMs < inputs;
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: FIXTURE_DIR, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/** `next build` of the fixture, unless the last build is still current (it takes a minute or two). */
export async function buildFixture(): Promise<void> {
  if (stale()) await run(['build']);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface FixtureServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `next start` on a free port, resolved once it answers. */
export async function startFixture(timeoutMs = 30_000): Promise<FixtureServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: FIXTURE_DIR,
    // Its own process group, so stop() ends next and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...ENV, NODE_ENV: 'production' },
  });
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const server: FixtureServer = {
    url,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      // Any answer means it listens (the fixture has no page at /: 404).
      await fetch(`${url}/`);
      return server;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  await server.stop();
  throw new Error(`next start was not ready within ${timeoutMs} ms:\n${output}`);
}
