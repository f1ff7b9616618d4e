/**
 * The examples' structure convention (examples/README.md), which `create-finhooks` relies on: drop a
 * provider's files (named after it) and the lines of shared files marked `@provider <name>`, and
 * what is left is an app for the other providers that names the dropped provider nowhere and still
 * typechecks. Checked for every example, keeping one provider at a time.
 */
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../support/process.js';
import { REPO_ROOT } from '../support/tarballs.js';

const PROVIDERS = ['atomic', 'moneyhub', 'atelio'] as const;
const EXAMPLES = ['express', 'koa', 'fastify', 'hono', 'nestjs', 'nextjs', 'express-inbox'];
const NOT_COPIED = new Set(['node_modules', '.next', 'dist', '.turbo', 'tsconfig.tsbuildinfo']);
const MARKER = /(?:\/\/|#|<!--)\s*@provider\s+([a-z]+)\s*(?:-->)?\s*$/;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The provider a file belongs to by its path: a segment named `<provider>` or `<provider>-…`. */
function ownerOf(path: string): string | undefined {
  for (const segment of path.split('/')) {
    const stem = segment.replace(/(\.test)?\.(ts|tsx|md)$/, '');
    const owner = PROVIDERS.find((provider) => stem === provider || stem.startsWith(`${provider}-`));
    if (owner) return owner;
  }
  return undefined;
}

async function files(dir: string, under = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (NOT_COPIED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path, under)));
    else found.push(relative(under, path));
  }
  return found;
}

/** Removes `provider` from the app in `dir`: its files, and the marked lines of shared files. */
async function dropProvider(dir: string, provider: string): Promise<void> {
  for (const file of await files(dir)) {
    if (ownerOf(file) === provider) {
      await rm(join(dir, file));
      continue;
    }
    const text = await readFile(join(dir, file), 'utf8');
    const kept = text.split('\n').filter((line) => MARKER.exec(line)?.[1] !== provider);
    if (kept.length !== text.split('\n').length) await writeFile(join(dir, file), kept.join('\n'));
  }
}

const work: string[] = [];
afterAll(async () => {
  for (const dir of work) await rm(dir, { recursive: true, force: true });
});

describe.each(EXAMPLES)('examples/%s', (example) => {
  const source = join(REPO_ROOT, 'examples', example);

  it('marks only known providers', async () => {
    for (const file of await files(source)) {
      for (const line of (await readFile(join(source, file), 'utf8')).split('\n')) {
        const marked = MARKER.exec(line)?.[1];
        if (marked) expect(PROVIDERS, `${file}: ${line}`).toContain(marked);
      }
    }
  });

  it.each(PROVIDERS)('with only %s kept: no other provider’s route is left, and it typechecks', async (kept) => {
    const dir = await mkdtemp(join(tmpdir(), `finhooks-markers-${example}-${kept}-`));
    work.push(dir);
    await cp(source, dir, { recursive: true, filter: (path) => !NOT_COPIED.has(basename(path)) });
    await symlink(join(source, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const dropped = PROVIDERS.filter((provider) => provider !== kept);
    for (const provider of dropped) await dropProvider(dir, provider);

    for (const file of await files(dir)) {
      const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
      for (const provider of dropped) {
        const routing = new RegExp(`webhooks/${provider}\\b|${provider}Webhooks|^${provider.toUpperCase()}_[A-Z_]+=`);
        expect(lines.filter((line) => routing.test(line)), `${file} still routes ${provider}`).toEqual([]);
      }
    }
    // Keeping atomic, then moneyhub, drops every provider at least once: two typechecks cover all markers.
    if (kept === 'atelio') return;
    const configs = example === 'nextjs' ? ['tsconfig.json', 'tsconfig.test.json'] : ['tsconfig.json'];
    for (const config of configs) await run(process.execPath, [tsc, '--noEmit', '-p', config], { cwd: dir, timeoutMs: 180_000 });
  }, 400_000);
});
