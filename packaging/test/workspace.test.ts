/**
 * Inside the repository: the examples run against the local packages (their `^0.0.0` ranges linked
 * by pnpm, never fetched), and `pnpm exec finhooks …`, as the example READMEs say, works from the
 * repository root and from an example's folder.
 */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../support/process.js';
import { REPO_ROOT } from '../support/tarballs.js';

const examples = async () => (await readdir(join(REPO_ROOT, 'examples'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

describe('the examples in the workspace', () => {
  it('depend on @finhooks/* by semver range, and pnpm links the local packages for it', async () => {
    const names = await examples();
    expect(names.sort()).toEqual(['express', 'express-inbox', 'fastify', 'hono', 'koa', 'nestjs', 'nextjs']);
    for (const name of names) {
      const dir = join(REPO_ROOT, 'examples', name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
      const finhooks = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([dep]) => dep.startsWith('@finhooks/'));
      expect(finhooks.length, name).toBeGreaterThanOrEqual(3);
      for (const [dep, range] of finhooks) {
        expect(range, `${name}: ${dep}`).toMatch(/^\^\d+\.\d+\.\d+$/);
        const linked = await realpath(join(dir, 'node_modules', dep));
        expect(linked, `${name}: ${dep}`).toBe(join(REPO_ROOT, 'packages', dep.replace('@finhooks/', '')));
      }
    }
  });
});

describe('pnpm exec finhooks', () => {
  it.each([
    ['the repository root', '.'],
    ['an example folder', 'examples/express'],
  ])('works from %s', async (_where, dir) => {
    const { stdout } = await run('pnpm', ['exec', 'finhooks', 'events', 'atelio'], { cwd: join(REPO_ROOT, dir), timeoutMs: 60_000 });
    expect(stdout).toContain('card.created');
  });
});
