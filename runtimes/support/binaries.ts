import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The runtimes' binaries, from their registry packages (devDependencies of this package). */
export const BUN = join(packageDir('@oven/bun-linux-x64'), 'bin', 'bun');
export const DENO = join(packageDir('@deno/linux-x64-glibc'), 'deno');
export const WORKERD = join(packageDir('@cloudflare/workerd-linux-64'), 'bin', 'workerd');
export const ROOT = dirname(new URL(import.meta.url).pathname).replace(/\/support$/, '');
