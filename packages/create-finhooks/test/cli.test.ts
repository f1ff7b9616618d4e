import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';
import { VERSION } from '../src/version.js';
import { buildFixtureTemplates, type FixtureTemplates } from './support/fixture.js';
import { captureIo } from './support/io.js';

let fixture: FixtureTemplates;
let cwd: string;
let count = 0;
beforeAll(async () => {
  fixture = await buildFixtureTemplates();
  cwd = join(fixture.work, 'cwd');
  await mkdir(cwd);
});
afterAll(() => fixture?.cleanup());

/** A folder name not used by another test. */
const fresh = () => `app-${++count}`;

async function create(args: string[], options: Parameters<typeof captureIo>[1] = {}) {
  const io = captureIo(cwd, options);
  const code = await runCli(args, io, { templates: fixture.templates });
  return { code, stdout: io.output(), stderr: io.errors() };
}

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const ESC = '\x1b[';

describe('create-finhooks <dir> --framework --provider (no terminal)', () => {
  it('writes the app with only the chosen providers’ files and lines, markers stripped', async () => {
    const dir = fresh();
    const result = await create([dir, '--framework', 'express', '--provider', 'atelio']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const app = join(cwd, dir);
    expect(await tree(app)).toEqual([
      '.env.example',
      '.gitignore',
      'README.md',
      'bin/hello.sh',
      'package.json',
      'src/app.ts',
      'src/webhooks/atelio.ts',
      'test/atelio.test.ts',
      'tsconfig.json',
    ]);
    expect(await readFile(join(app, 'src/app.ts'), 'utf8')).toBe(
      [
        "import express from 'express';",
        "import { atelioRoute } from './webhooks/atelio.js';",
        '',
        'export const app = express();',
        "app.use('/webhooks/atelio', atelioRoute);",
        '// This comment mentions @provider in passing, and is kept.',
        '',
      ].join('\n'),
    );
    expect(await readFile(join(app, '.env.example'), 'utf8')).toBe('PORT=3000\nATELIO_WEBHOOK_SECRET=whsec_dev\n');
    expect(await readFile(join(app, 'README.md'), 'utf8')).toContain('| `POST /webhooks/atelio` | Atelio |\n');
    expect(await readFile(join(app, 'README.md'), 'utf8')).not.toMatch(/atomic|moneyhub|pnpm --filter|@example-only/i);
    expect((await stat(join(app, 'bin/hello.sh'))).mode & 0o111).not.toBe(0);
  });

  it('makes the package.json the app’s own: name from the folder, private, description of what was chosen, versions kept', async () => {
    const dir = 'My Webhooks!';
    expect((await create([dir, '--framework', 'express', '--provider', 'moneyhub,atomic'])).code).toBe(0);
    const pkg = JSON.parse(await readFile(join(cwd, dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'my-webhooks',
      private: true,
      description: 'Express app receiving Atomic and Moneyhub webhooks with finhooks.',
      dependencies: { '@finhooks/core': expect.stringMatching(/^\^\d/), express: '^5.1.0' },
    });
    expect(pkg).not.toHaveProperty('packageManager');
  });

  it('restores .gitignore', async () => {
    const dir = fresh();
    await create([dir, '--framework', 'express', '--provider', 'atomic']);
    expect(await readFile(join(cwd, dir, '.gitignore'), 'utf8')).toContain('node_modules/\n');
  });

  it('accepts repeated --provider, in any case and order, and the framework alias next → nextjs', async () => {
    const dir = fresh();
    expect((await create([dir, '-f', 'express', '-p', 'Atelio', '-p', 'atomic'])).code).toBe(0);
    expect(await tree(join(cwd, dir, 'src/webhooks'))).toEqual(['atelio.ts', 'atomic.ts']);
    const next = await create([fresh(), '--framework', 'next', '--provider', 'atomic']);
    // The fixture has no nextjs template: the alias resolved, then the template was looked for.
    expect(next.stderr).toContain('templates/nextjs is missing');
  });

  it('prints the next steps: cd, install, test, dev, and a signed event and a tampered one with the finhooks CLI', async () => {
    const dir = fresh();
    const { stdout } = await create([dir, '--framework', 'express', '--provider', 'atomic,atelio']);
    expect(stdout).toContain(`Created ${dir}: an Express app receiving Atomic and Atelio webhooks.`);
    expect(stdout).toContain(`  cd ${dir}\n  npm install\n  npm test`);
    expect(stdout).toContain('  npm run dev');
    expect(stdout).toContain(
      'npx finhooks send atelio transactions --url http://127.0.0.1:3000/webhooks/atelio --dev\n',
    );
    expect(stdout).toContain(
      'npx finhooks send atelio transactions --url http://127.0.0.1:3000/webhooks/atelio --dev --tamper',
    );
    expect(stdout).not.toContain(ESC);
  });

  it('speaks the package manager that ran it, and shows Moneyhub’s key server when Moneyhub is the only provider', async () => {
    const dir = fresh();
    const { stdout } = await create([dir, '--framework', 'express', '--provider', 'moneyhub'], {
      env: { npm_config_user_agent: 'pnpm/10.34.8 npm/? node/v20.20.2 linux x64' },
    });
    expect(stdout).toContain('  pnpm install\n  pnpm test');
    expect(stdout).toContain('MONEYHUB_ISSUER=http://127.0.0.1:4455 pnpm dev');
    expect(stdout).toContain(
      'pnpm exec finhooks send moneyhub newTransactions --url http://127.0.0.1:3000/webhooks/moneyhub --dev --serve-jwks 4455',
    );
  });

  it('--tarballs points every @finhooks/* dependency at a local tarball, with overrides for their own dependencies', async () => {
    const tarballs = join(fixture.work, 'tarballs');
    await mkdir(tarballs);
    for (const name of ['core-0.1.0', 'express-0.1.0', 'cli-0.1.0', 'redis-0.1.0']) {
      await writeFile(join(tarballs, `finhooks-${name}.tgz`), '');
    }
    await writeFile(join(tarballs, 'create-finhooks-0.1.0.tgz'), '');
    const dir = fresh();
    const { code, stdout } = await create([dir, '-f', 'express', '-p', 'atomic', '--tarballs', '../tarballs']);
    expect(code).toBe(0);
    expect(stdout).toContain(`finhooks is installed from the tarballs in ${tarballs}`);
    const pkg = JSON.parse(await readFile(join(cwd, dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({
      '@finhooks/core': `file:${tarballs}/finhooks-core-0.1.0.tgz`,
      '@finhooks/express': `file:${tarballs}/finhooks-express-0.1.0.tgz`,
      express: '^5.1.0',
    });
    expect(pkg.devDependencies['@finhooks/cli']).toBe(`file:${tarballs}/finhooks-cli-0.1.0.tgz`);
    expect(pkg.overrides).toEqual({
      '@finhooks/core': '$@finhooks/core',
      '@finhooks/express': '$@finhooks/express',
      '@finhooks/cli': '$@finhooks/cli',
    });
  });

  it('--tarballs without the tarball of a needed package → exit 1 naming it, nothing written', async () => {
    const tarballs = join(fixture.work, 'partial');
    await mkdir(tarballs);
    await writeFile(join(tarballs, 'finhooks-core-0.1.0.tgz'), '');
    const dir = fresh();
    const result = await create([dir, '-f', 'express', '-p', 'atomic', '--tarballs', tarballs]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No tarball for @finhooks/express, @finhooks/cli');
    await expect(stat(join(cwd, dir))).rejects.toThrow('ENOENT');
  });
});

describe('refusals', () => {
  it('a non-empty folder → exit 1, a clear error, nothing written into it', async () => {
    const dir = fresh();
    await mkdir(join(cwd, dir));
    await writeFile(join(cwd, dir, 'notes.txt'), 'mine');
    const result = await create([dir, '--framework', 'express', '--provider', 'atelio']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: ${join(cwd, dir)} is not empty (1 entry): choose a new or empty folder.\n`);
    expect(await readdir(join(cwd, dir))).toEqual(['notes.txt']);
  });

  it('an empty folder, or one with only .git, is written into', async () => {
    const dir = fresh();
    await mkdir(join(cwd, dir, '.git'), { recursive: true });
    expect((await create([dir, '--framework', 'express', '--provider', 'atelio'])).code).toBe(0);
    expect(await readdir(join(cwd, dir))).toContain('package.json');
  });

  it('a file where the folder should be → exit 1', async () => {
    await writeFile(join(cwd, 'a-file'), '');
    const result = await create(['a-file', '-f', 'express', '-p', 'atelio']);
    expect([result.code, result.stderr]).toEqual([1, `error: ${join(cwd, 'a-file')} exists and is not a folder.\n`]);
  });

  it('without a terminal, missing choices → exit 1 naming each of them and --yes, nothing written', async () => {
    const none = await create([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'error: Missing the target folder (first argument), --framework (express|koa|fastify|hono|nestjs|nextjs), --provider (atomic,moneyhub,atelio): standard input is not a terminal, so nothing can be asked. Pass them, or --yes to take the defaults (finhooks-app, express, every provider).\n',
    );
    const someDir = fresh();
    const some = await create([someDir, '--framework', 'express']);
    expect(some.code).toBe(1);
    expect(some.stderr).toContain('error: Missing --provider (atomic,moneyhub,atelio):');
    await expect(stat(join(cwd, someDir))).rejects.toThrow('ENOENT');
  });

  it('an unknown framework or provider → exit 1 with the choices', async () => {
    const framework = await create([fresh(), '--framework', 'hapi', '--provider', 'atelio']);
    expect(framework.code).toBe(1);
    expect(framework.stderr).toContain(
      "argument 'hapi' is invalid. Allowed choices are express, koa, fastify, hono, nestjs, nextjs, next, nest.",
    );
    const provider = await create([fresh(), '--framework', 'express', '--provider', 'atelio,plaid']);
    expect(provider.code).toBe(1);
    expect(provider.stderr).toBe('error: --provider: unknown "plaid"; choose from atomic, moneyhub, atelio.\n');
  });

  it('an unknown option → exit 1 and a hint', async () => {
    const result = await create(['--frameworks', 'express']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: unknown option '--frameworks'");
    expect(result.stderr).toContain('(add --help for usage)');
  });
});

describe('--yes, --help, --version', () => {
  it('--yes takes the defaults for what is not given: finhooks-app, express, every provider', async () => {
    const result = await create(['--yes']);
    expect(result.code).toBe(0);
    expect(await tree(join(cwd, 'finhooks-app/src/webhooks'))).toEqual(['atelio.ts', 'atomic.ts', 'moneyhub.ts']);
    const partial = fresh();
    expect((await create([partial, '-y', '--provider', 'atomic'])).code).toBe(0);
    expect(await tree(join(cwd, partial, 'src/webhooks'))).toEqual(['atomic.ts']);
  });

  it('--help prints the usage, the flags and examples, exit 0', async () => {
    const result = await create(['--help']);
    expect(result.code).toBe(0);
    for (const text of [
      'Usage: create-finhooks [options] [directory]',
      '--framework <name>',
      '--provider <names>',
      '--yes',
      '--tarballs <dir>',
      'npm create finhooks@latest',
    ]) {
      expect(result.stdout).toContain(text);
    }
  });

  it('--version prints the package version, exit 0', async () => {
    const result = await create(['--version']);
    expect([result.code, result.stdout]).toEqual([0, `${VERSION}\n`]);
  });
});

describe('colour', () => {
  it('on a terminal the next steps are coloured; NO_COLOR and TERM=dumb turn it off', async () => {
    const args = (dir: string) => [dir, '--yes', '--provider', 'atelio'];
    expect((await create(args(fresh()), { tty: true })).stdout).toContain(ESC);
    expect((await create(args(fresh()), { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await create(args(fresh()), { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain(ESC);
  });

  it('errors are red on a terminal only', async () => {
    expect((await create(['--framework', 'hapi'], { tty: true })).stderr).toContain(ESC);
    expect((await create(['--framework', 'hapi'])).stderr).not.toContain(ESC);
  });
});
