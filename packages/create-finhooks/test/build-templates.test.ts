import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplates, workspacePackages } from '../scripts/templates.mjs';
import { buildFixtureTemplates, type FixtureTemplates } from './support/fixture.js';

let fixture: FixtureTemplates;
beforeAll(async () => void (fixture = await buildFixtureTemplates()));
afterAll(() => fixture?.cleanup());

const files = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

describe('the template build (scripts/templates.mjs): examples/<framework> → templates/<framework>', () => {
  it('copies the example, leaving out what installs and builds make, the workspace-only turbo.json and a .env', async () => {
    expect(await files(join(fixture.templates, 'express'))).toEqual([
      '.env.example',
      'README.md',
      '_gitignore',
      'bin/hello.sh',
      'package.json',
      'src/app.ts',
      'src/webhooks/atelio.ts',
      'src/webhooks/atomic.ts',
      'src/webhooks/moneyhub.ts',
      'test/atelio.test.ts',
      'test/atomic.test.ts',
      'test/moneyhub-identity.ts',
      'test/moneyhub.test.ts',
      'tsconfig.json',
    ]);
    expect((await stat(join(fixture.templates, 'express/bin/hello.sh'))).mode & 0o111).not.toBe(0);
  });

  it('stores .gitignore as _gitignore (npm drops .gitignore from tarballs), with what every app ignores added', async () => {
    const ignored = (await readFile(join(fixture.templates, 'express/_gitignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.next/', '.env', 'received.jsonl']));
    expect(ignored.filter((line) => line === 'node_modules/')).toHaveLength(1);
  });

  it('replaces workspace: ranges by the workspace packages’ versions and keeps other ranges', async () => {
    const version = async (name: string) =>
      (
        JSON.parse(await readFile(new URL(`../../${name}/package.json`, import.meta.url), 'utf8')) as {
          version: string;
        }
      ).version;
    const pkg = JSON.parse(await readFile(join(fixture.templates, 'express/package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({
      '@finhooks/core': `^${await version('core')}`,
      '@finhooks/express': `^${await version('express')}`,
      express: '^5.1.0',
    });
    expect(pkg.devDependencies).toEqual({ '@finhooks/cli': '^0.0.0', vitest: '^4.0.0' });
  });

  it('fails on an example that depends on an unpublished workspace package', async () => {
    const manifest = join(fixture.examples, 'express/package.json');
    const original = await readFile(manifest, 'utf8');
    const pkg = JSON.parse(original);
    pkg.devDependencies['@finhooks/internal-helpers'] = 'workspace:*';
    await writeFile(manifest, JSON.stringify(pkg));
    // Every package under packages/ is published today: the private one is this test's own.
    const workspace = new Map([...(await workspacePackages()), ['@finhooks/internal-helpers', { version: '0.0.0', private: true }]]);
    try {
      await expect(
        buildTemplates({ examplesDir: fixture.examples, outDir: join(fixture.work, 'out'), frameworks: ['express'], workspace }),
      ).rejects.toThrow('depends on @finhooks/internal-helpers, which is not published');
    } finally {
      await writeFile(manifest, original);
    }
  });

  it('fails on an example asking for a @finhooks/* version the workspace does not have', async () => {
    const manifest = join(fixture.examples, 'express/package.json');
    const original = await readFile(manifest, 'utf8');
    const pkg = JSON.parse(original);
    pkg.devDependencies['@finhooks/cli'] = '^99.0.0';
    await writeFile(manifest, JSON.stringify(pkg));
    try {
      await expect(
        buildTemplates({ examplesDir: fixture.examples, outDir: join(fixture.work, 'out'), frameworks: ['express'] }),
      ).rejects.toThrow(
        /depends on @finhooks\/cli@\^99\.0\.0, which its version in this workspace \(.*\) does not satisfy/,
      );
    } finally {
      await writeFile(manifest, original);
    }
  });

  it('fails on an example whose tsconfig extends a file outside it', async () => {
    const tsconfig = join(fixture.examples, 'express/tsconfig.json');
    const original = await readFile(tsconfig, 'utf8');
    await writeFile(tsconfig, '{ "extends": "../../tsconfig.base.json" }');
    try {
      await expect(
        buildTemplates({ examplesDir: fixture.examples, outDir: join(fixture.work, 'out'), frameworks: ['express'] }),
      ).rejects.toThrow('tsconfig.json extends ../../tsconfig.base.json, outside the example');
    } finally {
      await writeFile(tsconfig, original);
    }
  });
});
