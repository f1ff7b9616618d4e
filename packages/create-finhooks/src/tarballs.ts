import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';

// `pnpm pack` / `npm pack` name the tarball of `@finhooks/core@0.1.0` `finhooks-core-0.1.0.tgz`.
const TARBALL = /^finhooks-(.+?)-(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)\.tgz$/;

/** The `@finhooks/*` tarballs in `directory`: package name → absolute path. */
export async function findTarballs(directory: string): Promise<Map<string, string>> {
  const absolute = resolve(directory);
  const files = await readdir(absolute).catch(() => {
    throw new UsageError(`--tarballs: cannot read the folder ${absolute}.`);
  });
  const found = new Map<string, string>();
  for (const file of files.sort()) {
    const match = TARBALL.exec(file);
    if (!match) continue;
    const name = `@finhooks/${match[1]}`;
    if (found.has(name)) throw new UsageError(`--tarballs: several tarballs of ${name} in ${absolute}; keep one.`);
    found.set(name, join(absolute, file));
  }
  if (found.size === 0)
    throw new UsageError(`--tarballs: no finhooks-*.tgz in ${absolute} (make them with \`pnpm pack\`).`);
  return found;
}
