/**
 * The published packages as npm would get them: each non-private package under `packages/` packed
 * with `pnpm pack` (what `changeset publish` uploads, `workspace:` ranges already replaced by versions).
 *
 * Packed once per test run: `packaging/vitest.config.ts` runs `support/global-setup.ts`, which calls
 * `packTarballs` and provides the result; a test file reads it with `tarballs()` (from
 * `support/tarballs-context.ts`). Packing needs the packages built (`pnpm build`, or turbo's
 * `^build` before `@finhooks/packaging#test`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './process.js';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Package name (`@finhooks/core`) → absolute path of its `.tgz`. */
export type Tarballs = Readonly<Record<string, string>>;

export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
}

/** Every package under `packages/` that is not `"private": true`. */
export async function publishedPackages(): Promise<PublishedPackage[]> {
  const packagesDir = join(REPO_ROOT, 'packages');
  const found: PublishedPackage[] = [];
  for (const entry of (await readdir(packagesDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const dir = join(packagesDir, entry.name);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean };
    if (!manifest.private) found.push({ name: manifest.name, version: manifest.version, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs every published package into `destination` (an existing folder). */
export async function packTarballs(destination: string): Promise<Tarballs> {
  const tarballs: Record<string, string> = {};
  for (const pkg of await publishedPackages()) {
    const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir, timeoutMs: 60_000 });
    const { name, filename } = JSON.parse(stdout) as { name: string; filename: string };
    if (name !== pkg.name) throw new Error(`pnpm pack in ${pkg.dir} packed ${name}, expected ${pkg.name}`);
    tarballs[name] = filename;
  }
  return tarballs;
}

/**
 * A project's dependency map with every `@finhooks/*` entry that has a tarball pointed at it
 * (`file:/…/finhooks-core-0.0.0.tgz`), for installing a copied example or a generated app.
 */
export function pointAtTarballs(dependencies: Record<string, string> | undefined, tarballs: Tarballs): Record<string, string> | undefined {
  if (!dependencies) return dependencies;
  return Object.fromEntries(Object.entries(dependencies).map(([name, range]) => [name, tarballs[name] ? `file:${tarballs[name]}` : range]));
}
