/**
 * `--inbox postgres`: the app of `examples/express-inbox` (a PostgreSQL inbox, a worker, business
 * tables), scaffolded from the bundled template with the chosen providers only; the flag's
 * refusals. (packaging/test/create-finhooks.test.ts installs such an app and runs its tests against
 * the real PostgreSQL.)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_TEMPLATES } from '../scripts/templates.mjs';
import { INBOX_TEMPLATE_NAMES } from '../src/inbox.js';
import { runCli } from '../src/program.js';
import { TEMPLATES_DIR } from '../src/templates.js';
import { captureIo } from './support/io.js';

let cwd: string;
beforeAll(async () => {
  if (!existsSync(join(TEMPLATES_DIR, 'express-inbox')))
    throw new Error('No templates/express-inbox: run `pnpm build` in packages/create-finhooks first.');
  cwd = await mkdtemp(join(tmpdir(), 'create-finhooks-inbox-'));
});
afterAll(() => (cwd ? rm(cwd, { recursive: true, force: true }) : undefined));

async function create(args: string[]) {
  const io = captureIo(cwd);
  const code = await runCli(args, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

const tree = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

describe('create-finhooks --inbox postgres', () => {
  it('the build and the scaffolder agree on the inbox templates', () => {
    expect([...INBOX_TEMPLATE_NAMES].sort()).toEqual([...INBOX_TEMPLATES].sort());
  });

  it('writes the inbox app (web process, worker, migrations, business tables) with the chosen providers only; Express is implied', async () => {
    const result = await create(['ledger', '--inbox', 'postgres', '--provider', 'atelio']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const app = join(cwd, 'ledger');
    const files = await tree(app);
    expect(files).toEqual(
      expect.arrayContaining([
        'src/server.ts',
        'src/worker.ts',
        'src/db/migrate.ts',
        'src/db/migrations/atelio.ts',
        'src/webhooks/atelio.ts',
        'scripts/dev.ts',
        'test/atelio.test.ts',
        '.env.example',
      ]),
    );
    expect(files.join('\n')).not.toMatch(/atomic|moneyhub/i);
    const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'ledger',
      private: true,
      description:
        'Express app receiving Atelio webhooks with finhooks: into a PostgreSQL inbox, applied exactly once by a worker.',
      dependencies: {
        '@finhooks/express': expect.stringMatching(/^\^\d/),
        '@finhooks/postgres': expect.stringMatching(/^\^\d/),
        pg: expect.any(String),
      },
      scripts: { dev: expect.any(String), worker: expect.any(String) },
    });
    const migrate = await readFile(join(app, 'src/db/migrate.ts'), 'utf8');
    expect(migrate).toContain("import { atelioMigrations } from './migrations/atelio.js';\n");
    expect(migrate).not.toMatch(/@provider|atomic|moneyhub/i);
    expect(await readFile(join(app, 'README.md'), 'utf8')).toContain('card_ledger');
    // Next steps: the database it needs, and `dev` (web process and worker).
    expect(result.stdout).toContain('Created ledger: an Express app receiving Atelio webhooks.');
    expect(result.stdout).toContain('PostgreSQL at DATABASE_URL');
    expect(result.stdout).toMatch(/^ {2}npm run dev {2}# http:\/\/127\.0\.0\.1:3000$/m);
    expect(result.stdout).toContain(
      'npx finhooks send atelio transactions --url http://127.0.0.1:3000/webhooks/atelio --dev',
    );
  });

  it('with --framework express, and with --yes (every provider)', async () => {
    expect(
      (await create(['explicit', '--inbox', 'postgres', '--framework', 'express', '--provider', 'atomic'])).code,
    ).toBe(0);
    expect(await readdir(join(cwd, 'explicit/src/db/migrations'))).toEqual(['atomic.ts']);
    expect((await create(['all', '--inbox', 'postgres', '--yes'])).code).toBe(0);
    expect(await readdir(join(cwd, 'all/src/db/migrations'))).toEqual(['atelio.ts', 'atomic.ts', 'moneyhub.ts']);
  });

  it('a framework without an inbox template → exit 1 naming the one that has it, nothing written', async () => {
    const result = await create(['koa-inbox', '--inbox', 'postgres', '--framework', 'koa', '--provider', 'atelio']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--inbox postgres: there is no koa template with an inbox yet; use --framework express.',
    );
    expect(existsSync(join(cwd, 'koa-inbox'))).toBe(false);
  });

  it('an unknown inbox → exit 1 with the choices', async () => {
    const result = await create(['redis-inbox', '--inbox', 'redis', '--provider', 'atelio']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/argument 'redis' is invalid\. Allowed choices are postgres/);
    expect(existsSync(join(cwd, 'redis-inbox'))).toBe(false);
  });

  it('--help documents it', async () => {
    const result = await create(['--help']);
    expect(result.stdout).toMatch(/--inbox <store> +store each event in a PostgreSQL inbox/);
    expect(result.stdout).toContain('--inbox postgres --provider atelio');
  });
});
