/**
 * A release dry run: `changeset version` on a copy of the workspace's manifests and pending
 * changesets must bump every published package together (they are linked), write their
 * changelogs from the changesets, and leave the private packages alone; create-finhooks (not in
 * the `@finhooks` scope, so not linked) is released with its own version.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const changesetBin = join(
  dirname(createRequire(join(root, 'package.json')).resolve('@changesets/cli/package.json')),
  'bin.js',
);
const PUBLISHED = ['core', 'express', 'koa', 'fastify', 'hono', 'nestjs', 'next', 'redis', 'postgres', 'cli'];

let copy: string;
const manifest = async (dir: string) => JSON.parse(await readFile(join(copy, dir, 'package.json'), 'utf8'));

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'finhooks-release-'));
  const manifests = ['package.json', 'pnpm-workspace.yaml', '.changeset'];
  for (const group of ['packages', 'examples']) {
    for (const dir of await readdir(join(root, group), { withFileTypes: true })) {
      if (dir.isDirectory()) manifests.push(join(group, dir.name, 'package.json'));
    }
  }
  manifests.push('bench/package.json', 'packaging/package.json', 'runtimes/package.json');
  for (const file of manifests) await cp(join(root, file), join(copy, file), { recursive: true });
  await run(process.execPath, [changesetBin, 'version'], { cwd: copy });
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('changeset version', () => {
  it('consumes every pending changeset', async () => {
    const left = (await readdir(join(copy, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(left).toEqual([]);
  });

  it('bumps the published packages together, to the same new version', async () => {
    const versions = await Promise.all(PUBLISHED.map(async (name) => (await manifest(`packages/${name}`)).version));
    const current = JSON.parse(await readFile(join(root, 'packages/core/package.json'), 'utf8')).version;
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).not.toBe(current);
  });

  it('writes each changelog from the changesets', async () => {
    const core = await readFile(join(copy, 'packages/core/CHANGELOG.md'), 'utf8');
    expect(core).toMatch(/^# @finhooks\/core/);
    expect(core).toContain('createWebhooks');
    const express = await readFile(join(copy, 'packages/express/CHANGELOG.md'), 'utf8');
    expect(express).toContain('Express 4 and 5');
  });

  it('releases create-finhooks with its changelog, and the examples it is built from still get the new @finhooks/* versions', async () => {
    expect((await manifest('packages/create-finhooks')).version).not.toBe('0.0.0');
    expect(await readFile(join(copy, 'packages/create-finhooks/CHANGELOG.md'), 'utf8')).toContain(
      'npm create finhooks',
    );
    // create-finhooks's build refuses an example whose range the workspace's version does not satisfy.
    const version = (await manifest('packages/core')).version;
    expect((await manifest('examples/express')).dependencies['@finhooks/core']).toBe(`^${version}`);
  });

  it('keeps workspace ranges for publish to rewrite, and leaves private packages alone', async () => {
    expect((await manifest('packages/express')).dependencies['@finhooks/core']).toBe('workspace:^');
    expect((await manifest('examples/express')).version).toBe('0.0.0');
  });

  it('moves the examples’ semver ranges to the new version, so the workspace still links the local packages', async () => {
    const version = (await manifest('packages/core')).version as string;
    for (const example of ['express', 'koa', 'fastify', 'hono', 'nestjs', 'nextjs', 'express-inbox']) {
      const { dependencies } = await manifest(`examples/${example}`);
      expect(dependencies['@finhooks/core'], example).toBe(`^${version}`);
    }
    expect((await manifest('examples/express-inbox')).dependencies['@finhooks/postgres']).toBe(`^${version}`);
  });
});
