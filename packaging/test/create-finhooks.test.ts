/**
 * `npm create finhooks`, as a user will run it: create-finhooks installed from its packed tarball
 * writes an app (no terminal: flags only), with `--tarballs` pointing `@finhooks/*` at the packed
 * tarballs (nothing is on npm yet). The app installs with npm outside the workspace, typechecks,
 * passes its own tests, and — started with the command the next steps print — answers the signed
 * event those next steps tell the user to send, and refuses the tampered one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, npmInstall } from '../support/npm.js';
import { CommandError, killGroup, run, spawnGroup } from '../support/process.js';
import { tarballs } from '../support/tarballs-context.js';

type Framework = 'express' | 'koa' | 'fastify' | 'hono' | 'nestjs' | 'nextjs';
/** As `npm create` runs it: npm's user agent (so the next steps say npm), no terminal, no colour wanted. */
const AS_NPM_CREATE = { npm_config_user_agent: 'npm/11.0.0 node/v20.19.0 linux x64 workspaces/false' };

let work: string;
let createBin: string;
let tarballDir: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'finhooks-create-'));
  const packed = tarballs();
  expect(packed['create-finhooks']).toBeDefined();
  tarballDir = dirname(packed['@finhooks/core']!);
  const runner = join(work, 'runner');
  await mkdir(runner);
  await writeFile(join(runner, 'package.json'), JSON.stringify({ name: 'runner', private: true }));
  await npmInstall(runner, [packed['create-finhooks']!]);
  createBin = join(runner, 'node_modules/.bin/create-finhooks');
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs the installed create-finhooks in `work`; resolves with what it printed. */
function create(args: string[]) {
  return run(createBin, args, { cwd: work, env: AS_NPM_CREATE, timeoutMs: 30_000 });
}

/** The commands of the printed next steps, by what they are for. */
function parseNextSteps(stdout: string) {
  const commands = stdout
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => ({ command: line.split('  # ')[0]!.trim(), comment: line.split('  # ')[1] }));
  const find = (test: (c: (typeof commands)[number]) => boolean, what: string) => {
    const found = commands.find(test);
    if (!found) throw new Error(`The next steps have no ${what}:\n${stdout}`);
    return found.command;
  };
  return {
    install: find((c) => c.command === 'npm install', 'install'),
    test: find((c) => c.command === 'npm test', 'test'),
    dev: find((c) => c.comment?.startsWith('http://127.0.0.1:3000') ?? false, 'dev server'),
    send: find((c) => c.command.includes('finhooks send') && !c.command.includes('--tamper'), 'send'),
    tampered: find((c) => c.command.includes('finhooks send') && c.command.includes('--tamper'), 'tampered send'),
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of a command run in the app: none of the `npm_*` variables `pnpm test` sets for the workspace. */
function appEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) if (/^npm_(config|package|lifecycle)_/.test(key)) env[key] = undefined;
  return { ...env, ...extra };
}

/**
 * Starts the app with the printed dev command on a free port, runs the printed `finhooks send`
 * commands against it (the app's own finhooks bin instead of npx, which would look on npm), and
 * stops it. Resolves with the good delivery's output and the tampered one's exit code and output.
 */
async function sendAsTheNextStepsSay(
  app: string,
  steps: ReturnType<typeof parseNextSteps>,
  env: Record<string, string> = {},
) {
  const port = await freePort();
  // Moneyhub's next steps use port 4455 for the CLI's key server: a free one here.
  const jwksPort = String(await freePort());
  const server = spawnGroup('sh', ['-c', steps.dev.replaceAll('4455', jwksPort)], {
    cwd: app,
    env: appEnv({ ...env, PORT: String(port) }),
  });
  let serverOutput = '';
  server.stdout!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  const local = (command: string) =>
    `${command
      .replace(/^npx finhooks /, './node_modules/.bin/finhooks ')
      .replace('127.0.0.1:3000', `127.0.0.1:${port}`)
      .replaceAll('4455', jwksPort)} --timeout 60000`;
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null)
        throw new Error(`\`${steps.dev}\` exited with ${server.exitCode}:\n${serverOutput}`);
      if (Date.now() > deadline) throw new Error(`\`${steps.dev}\` did not answer within 120 s:\n${serverOutput}`);
      const answered = await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      );
      if (answered) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const good = await run('sh', ['-c', local(steps.send)], { cwd: app, env: appEnv({}), timeoutMs: 90_000 });
    const tampered = await run('sh', ['-c', local(steps.tampered)], {
      cwd: app,
      env: appEnv({}),
      timeoutMs: 90_000,
    }).then(
      (result) => ({ code: 0, output: result.stdout + result.stderr }),
      (error: CommandError) => ({
        code: /exited with code (\d+)/.exec(error.reason)?.[1],
        output: error.stdout + error.stderr,
      }),
    );
    return { good: good.stdout + good.stderr, tampered, serverOutput: () => serverOutput };
  } finally {
    killGroup(server);
  }
}

async function allFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .filter((path) => !/^(node_modules|\.next)\//.test(path) && path !== 'package-lock.json')
    .sort();
}

describe('the create-finhooks bin, installed from its tarball', () => {
  it('--version and --help', async () => {
    const manifest = JSON.parse(await readFile(join(work, 'runner/node_modules/create-finhooks/package.json'), 'utf8'));
    expect((await create(['--version'])).stdout).toBe(`${manifest.version}\n`);
    expect((await create(['--help'])).stdout).toContain('--framework <name>');
  });

  it('without a terminal and without flags: exit 1 naming what is missing, nothing written', async () => {
    await expect(create(['missing-flags'])).rejects.toThrow(
      /exited with code 1[\s\S]*Missing --framework .*, --provider/,
    );
    await expect(readdir(join(work, 'missing-flags'))).rejects.toThrow('ENOENT');
  });

  it('refuses a non-empty folder: exit 1', async () => {
    await mkdir(join(work, 'taken'));
    await writeFile(join(work, 'taken/index.js'), '');
    await expect(create(['taken', '--framework', 'express', '--provider', 'atelio'])).rejects.toThrow(
      /exited with code 1[\s\S]*is not empty/,
    );
    expect(await readdir(join(work, 'taken'))).toEqual(['index.js']);
  });
});

/**
 * One app per framework, each with a different choice of providers (every provider left out
 * somewhere). `packaging/test/examples.test.ts` already installs, builds, tests and runs every
 * example with all three providers; here the point is what create-finhooks adds: the scaffold, the
 * providers left out (the app still typechecks and passes its tests), and next steps that work as
 * printed — Express with Atelio only, Fastify with Moneyhub only (whose next steps start the app
 * with `MONEYHUB_ISSUER` and let the CLI serve the keys), and Hono with Atomic and Moneyhub, run end to end.
 */
const CASES: Array<{ framework: Framework; providers: string; tests: boolean; http: boolean; inbox?: boolean }> = [
  { framework: 'express', providers: 'atelio', tests: true, http: true },
  { framework: 'fastify', providers: 'moneyhub', tests: true, http: true },
  { framework: 'koa', providers: 'atomic,atelio', tests: true, http: false },
  { framework: 'hono', providers: 'atomic,moneyhub', tests: true, http: true },
  { framework: 'nestjs', providers: 'atomic,moneyhub', tests: true, http: false },
  // Next's tests need `next build` (minutes on 2 cores): examples.test.ts runs them on the full app.
  { framework: 'nextjs', providers: 'atomic', tests: false, http: false },
  // --inbox postgres: a PostgreSQL inbox and a worker; its tests and its `npm run dev` need the
  // database (DATABASE_URL, default the local one; CI has it).
  { framework: 'express', providers: 'atomic', tests: true, http: true, inbox: true },
];

/** Fresh schemas for an inbox app's tables (its own tests make theirs), dropped with the app's own `pg`. */
function inboxSchemas(app: string) {
  const suffix = randomBytes(6).toString('hex');
  const schemas = { APP_SCHEMA: `pkg_app_${suffix}`, FINHOOKS_SCHEMA: `pkg_hooks_${suffix}` };
  const drop = () =>
    run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import pg from 'pg'; const c = new pg.Client({ connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' }); await c.connect(); await c.query('DROP SCHEMA IF EXISTS ${schemas.APP_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${schemas.FINHOOKS_SCHEMA} CASCADE'); await c.end();`,
      ],
      { cwd: app, timeoutMs: 30_000 },
    );
  // An idle worker looks for events every 100 ms: the event is applied before the tampered send ends.
  return { env: { ...schemas, INBOX_POLL_INTERVAL_MS: '100' }, drop };
}

describe.each(CASES)(
  'npm create finhooks -- --framework $framework --provider $providers (inbox: $inbox)',
  ({ framework, providers, tests, http, inbox }) => {
    const dir = inbox ? `${framework}-inbox-app` : `${framework}-app`;
    const chosen = providers.split(',');
    let app: string;
    let steps: ReturnType<typeof parseNextSteps>;

    it('writes the app, with nothing of the providers not chosen, and prints the next steps', async () => {
      const { stdout } = await create([
        dir,
        '--framework',
        framework,
        '--provider',
        providers,
        '--tarballs',
        tarballDir,
        ...(inbox ? ['--inbox', 'postgres'] : []),
      ]);
      app = join(work, dir);
      steps = parseNextSteps(stdout);
      expect(stdout).not.toContain('\x1b[');
      const files = await allFiles(app);
      expect(files).toEqual(expect.arrayContaining(['.gitignore', 'README.md', 'package.json', 'tsconfig.json']));
      expect(files.join('\n')).not.toMatch(/node_modules|\.next\/|_gitignore|turbo\.json/);
      const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
      expect(pkg.name).toBe(dir);
      expect(JSON.stringify(pkg)).not.toContain('workspace:');
      if (inbox) {
        expect(files).toEqual(expect.arrayContaining(['src/worker.ts', 'src/db/migrate.ts']));
        expect(pkg.dependencies).toHaveProperty('@finhooks/postgres');
        expect(steps.dev).toBe('npm run dev');
        expect(stdout).toContain('PostgreSQL at DATABASE_URL');
      }
      const left = ['atomic', 'moneyhub', 'atelio'].filter((p) => !chosen.includes(p));
      if (left.length > 0) {
        const mentions = new RegExp(`${left.join('|')}|@provider`, 'i');
        const found = files.filter((path) => mentions.test(path));
        for (const path of files) {
          for (const line of (await readFile(join(app, path), 'utf8')).split('\n')) {
            if (mentions.test(line)) found.push(`${path}: ${line}`);
          }
        }
        expect(found).toEqual([]);
      }
    });

    it('installs with npm (@finhooks/* from the tarballs) and typechecks', async () => {
      await npmInstall(app);
      await npm(['run', 'typecheck'], { cwd: app, timeoutMs: 120_000 });
    }, 400_000);

    if (tests)
      it('passes its own tests', async () => {
        await npm(['test'], { cwd: app, timeoutMs: 240_000 });
      }, 500_000);

    if (http)
      it('answers the signed event the next steps send (200), and refuses the tampered one (401)', async () => {
        const schemas = inbox ? inboxSchemas(app) : undefined;
        try {
          const { good, tampered, serverOutput } = await sendAsTheNextStepsSay(app, steps, schemas?.env);
          expect(good).toMatch(/\b200\b/);
          expect(tampered.code).toBe('1');
          expect(tampered.output).toMatch(/\b401\b/);
          // `npm run dev` runs the worker too: it applied the stored event.
          if (inbox)
            expect(serverOutput()).toMatch(/worker +\| \[atomic\] task-status-updated id=\S+ task=\S+ status=/);
        } finally {
          await schemas?.drop();
        }
      }, 240_000);
  },
);
