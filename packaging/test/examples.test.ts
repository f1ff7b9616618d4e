/**
 * Every example is a standalone app: copied out of the repository into a temporary folder, its
 * `@finhooks/*` dependencies pointed at the packed tarballs (what npm will serve after the release),
 * installed with npm, it typechecks, builds, passes its own tests, starts, and receives a signed event
 * of each provider sent by its own `finhooks` CLI (`--dev`), and refuses a tampered one with 401.
 *
 * `express-inbox` also needs PostgreSQL (`DATABASE_URL`, default the local one; CI has it): its own
 * tests use schemas of their own, and here its web process and its worker run in fresh schemas too
 * (dropped at the end), the worker applying each event sent.
 *
 * The examples run one after the other (2-core CI) and share npm's cache.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, npmInstall } from '../support/npm.js';
import { killGroup, run, spawnGroup } from '../support/process.js';
import { pointAtTarballs, REPO_ROOT } from '../support/tarballs.js';
import { tarballs } from '../support/tarballs-context.js';

/** What a copy leaves behind: installs and build output of the workspace. */
const NOT_COPIED = new Set(['node_modules', '.next', 'dist', '.turbo', 'next-env.d.ts', 'tsconfig.tsbuildinfo']);

/** The development secrets `finhooks send --dev` signs with, and the Moneyhub client id (`--audience`) it signs for. */
const MONEYHUB_CLIENT = 'finhooks-packaging-client';
const DEV_ENV = {
  ATOMIC_API_SECRET: 'dev-atomic-secret',
  ATELIO_WEBHOOK_SECRET: 'whsec_dev_atelio_secret',
  // `next start` runs in production, where the examples require the client id; the others check it too.
  MONEYHUB_AUDIENCE: MONEYHUB_CLIENT,
  MONEYHUB_CLIENT_ID: MONEYHUB_CLIENT,
};

interface Example {
  readonly name: string;
  /** Starts the built app on `port`. */
  readonly start: (port: number) => { command: string; args: string[] };
  /** Webhook path of a provider. */
  readonly path: (provider: string) => string;
  /** `npm run build` may take this long. */
  readonly buildTimeoutMs: number;
  /**
   * A worker process started beside the app (PostgreSQL inbox examples), and the line it prints once
   * it applied the event of each provider the test sends.
   */
  readonly worker?: { readonly command: string; readonly args: string[]; readonly applied: (provider: string) => RegExp };
}

const node = (port: number) => ({ command: process.execPath, args: ['dist/server.js'], port });
const EXAMPLES: Example[] = [
  ...['express', 'koa', 'fastify', 'hono', 'nestjs'].map((name) => ({
    name,
    start: (port: number) => node(port),
    path: (provider: string) => `/webhooks/${provider}`,
    buildTimeoutMs: 120_000,
  })),
  {
    name: 'express-inbox',
    start: (port: number) => node(port),
    path: (provider: string) => `/webhooks/${provider}`,
    buildTimeoutMs: 120_000,
    worker: {
      command: process.execPath,
      args: ['dist/worker.js'],
      applied: (provider: string) => new RegExp(`\\[${provider}\\] (task-status-updated|newTransactions|transactions) id=\\S+`),
    },
  },
  {
    name: 'nextjs',
    start: (port: number) => ({ command: 'npm', args: ['start', '--', '--port', String(port), '--hostname', '127.0.0.1'] }),
    path: (provider: string) => `/api/webhooks/${provider}`,
    buildTimeoutMs: 540_000,
  },
];

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `command` in the copied app; `stop()` ends it and all it started. */
function startProcess(command: string, args: string[], dir: string, env: Record<string, string>) {
  const child: ChildProcess = spawnGroup(command, args, { cwd: dir, env });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, output: () => output, stop };
}

/** Fresh schemas for an inbox example's tables, and a way to drop them with the app's own `pg`. */
function inboxSchemas(app: string) {
  const suffix = randomBytes(6).toString('hex');
  const env = { APP_SCHEMA: `pkg_app_${suffix}`, FINHOOKS_SCHEMA: `pkg_hooks_${suffix}` };
  const drop = () =>
    run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import pg from 'pg'; const c = new pg.Client({ connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' }); await c.connect(); await c.query('DROP SCHEMA IF EXISTS ${env.APP_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${env.FINHOOKS_SCHEMA} CASCADE'); await c.end();`,
      ],
      { cwd: app, timeoutMs: 30_000 },
    );
  return { env, drop };
}

/** Starts the copied app and resolves once it answers HTTP; `stop()` ends it and all it started. */
async function startCopiedApp(example: Example, dir: string, env: Record<string, string>) {
  const port = await freePort();
  const { command, args } = example.start(port);
  const child: ChildProcess = spawnGroup(command, args, { cwd: dir, env: { ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The ${example.name} example exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The ${example.name} example did not answer within 60 s:\n${output}`);
    }
    const answered = await fetch(url).then(
      () => true,
      () => false,
    );
    if (answered) return { url, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(EXAMPLES)('examples/$name, copied out of the repository', (example) => {
  let work: string;
  let app: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `finhooks-example-${example.name}-`));
    app = join(work, 'app');
    await cp(join(REPO_ROOT, 'examples', example.name), app, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
    const manifestPath = join(app, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, Record<string, string> | undefined>;
    manifest.dependencies = pointAtTarballs(manifest.dependencies, tarballs());
    manifest.devDependencies = pointAtTarballs(manifest.devDependencies, tarballs());
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await npmInstall(app, [], { timeoutMs: 420_000 });
  }, 450_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('has its own configuration: nothing extended or imported from outside its folder, no workspace-only package', async () => {
    const manifest = await readFile(join(app, 'package.json'), 'utf8');
    expect(manifest).not.toMatch(/workspace:|adapter-conformance/);
    for (const tool of ['typescript', 'vitest', '@types/node']) expect(JSON.parse(manifest).devDependencies).toHaveProperty(tool);
    const tsconfig = await readFile(join(app, 'tsconfig.json'), 'utf8');
    expect(tsconfig).not.toMatch(/"extends"\s*:\s*"\.\.\//);
  });

  it('typechecks', async () => {
    await npm(['run', 'typecheck'], { cwd: app, timeoutMs: 180_000 });
  }, 200_000);

  it('builds', async () => {
    await npm(['run', 'build'], { cwd: app, timeoutMs: example.buildTimeoutMs });
  }, example.buildTimeoutMs + 20_000);

  it('passes its own tests', async () => {
    await npm(['test'], { cwd: app, timeoutMs: 420_000 });
  }, 440_000);

  it('starts, receives a signed event of each provider from its finhooks CLI, and refuses a tampered one with 401', async () => {
    const jwksPort = await freePort();
    const schemas = example.worker ? inboxSchemas(app) : undefined;
    const env = { ...DEV_ENV, MONEYHUB_ISSUER: `http://127.0.0.1:${jwksPort}`, ...schemas?.env };
    const started = await startCopiedApp(example, app, env);
    const worker = example.worker ? startProcess(example.worker.command, example.worker.args, app, env) : undefined;
    const finhooks = (...args: string[]) => run(join(app, 'node_modules/.bin/finhooks'), args, { cwd: app, timeoutMs: 60_000 });
    try {
      const sends = [
        ['send', 'atomic', 'task-status-updated', '--url', `${started.url}${example.path('atomic')}`, '--dev'],
        ['send', 'moneyhub', 'newTransactions', '--url', `${started.url}${example.path('moneyhub')}`, '--serve-jwks', String(jwksPort), '--audience', MONEYHUB_CLIENT, '--dev'],
        ['send', 'atelio', 'transactions', '--url', `${started.url}${example.path('atelio')}`, '--dev'],
      ];
      for (const args of sends) {
        const { stdout, stderr } = await finhooks(...args);
        expect(`${stdout}${stderr}`, args.join(' ')).toMatch(/\b200\b/);
      }
      const tampered = await finhooks('send', 'atelio', 'card.created', '--url', `${started.url}${example.path('atelio')}`, '--dev', '--tamper').then(
        () => undefined,
        (error: Error) => error,
      );
      expect(tampered?.message).toMatch(/exited with code 1/);
      expect(tampered?.message).toMatch(/\b401\b/);
      if (worker && example.worker) {
        // Each stored event applied by the worker, once.
        const deadline = Date.now() + 30_000;
        const providers = ['atomic', 'moneyhub', 'atelio'];
        while (!providers.every((provider) => example.worker!.applied(provider).test(worker.output()))) {
          if (Date.now() > deadline || worker.child.exitCode !== null) throw new Error(`The worker did not apply every event:\n${worker.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        for (const provider of providers) expect(worker.output().match(new RegExp(example.worker.applied(provider), 'g'))).toHaveLength(1);
      }
    } finally {
      await worker?.stop();
      await started.stop();
      await schemas?.drop();
    }
  }, 120_000);
});
