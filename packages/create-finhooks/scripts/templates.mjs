/**
 * `templates/<framework>` from `examples/<framework>` (DESIGN §7: the examples are the templates'
 * source), run by `pnpm build` before tsup. Copies what a user's app needs, leaving out what
 * installs, builds and the workspace produce; stores the files npm would drop from the tarball under
 * another name (`scaffold.ts` gives them back); replaces `workspace:` ranges by the packages'
 * versions; and fails on what would break an app copied out of the repository (an unpublished
 * dependency, a `@finhooks/*` range the workspace's version does not satisfy, a tsconfig extending a
 * file outside the example).
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

export const FRAMEWORKS = ['express', 'koa', 'fastify', 'hono', 'nestjs', 'nextjs'];
/** Apps with a PostgreSQL inbox and a worker (`--inbox postgres`, see src/inbox.ts), from `examples/<name>`. */
export const INBOX_TEMPLATES = ['express-inbox'];
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Produced by installs and builds, or meaningful only in the workspace. */
const EXCLUDED_NAMES = new Set([
  'node_modules',
  'dist',
  '.next',
  '.turbo',
  'coverage',
  'next-env.d.ts',
  'turbo.json',
  '.env',
]);
const EXCLUDED_SUFFIXES = ['.tsbuildinfo', '.log'];
/** npm leaves these out of a tarball whatever `files` says. */
const RENAMED = { '.gitignore': '_gitignore', '.npmrc': '_npmrc' };
/** Every app ignores these, whatever the example's own .gitignore adds (the repository's root one covers the examples). */
const GITIGNORE = [
  'node_modules/',
  'dist/',
  '.next/',
  '*.tsbuildinfo',
  'next-env.d.ts',
  '.env',
  '.env.*.local',
  '*.log',
];

/** @param {string} path */
function excluded(path) {
  const name = basename(path);
  return EXCLUDED_NAMES.has(name) || EXCLUDED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** `@finhooks/*` name → { version, private } of the workspace's packages. */
export async function workspacePackages() {
  /** @type {Map<string, { version: string, private: boolean }>} */
  const found = new Map();
  for (const dir of await readdir(join(REPO_ROOT, 'packages'))) {
    const manifest = JSON.parse(
      await readFile(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8').catch(() => '{}'),
    );
    if (manifest.name) found.set(manifest.name, { version: manifest.version, private: Boolean(manifest.private) });
  }
  return found;
}

/**
 * @param {Record<string, any>} manifest
 * @param {Awaited<ReturnType<typeof workspacePackages>>} workspace
 * @param {string} example
 */
function resolveWorkspaceRanges(manifest, workspace, example) {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const local = workspace.get(name);
      if (local?.private)
        throw new Error(
          `${example} depends on ${name}, which is not published: an app copied out could not install it.`,
        );
      if (typeof range !== 'string') continue;
      if (local && !range.startsWith('workspace:') && !semver.satisfies(local.version, range)) {
        // The template would ask users for versions that do not exist (yet).
        throw new Error(
          `${example} depends on ${name}@${range}, which its version in this workspace (${local.version}) does not satisfy.`,
        );
      }
      if (!range.startsWith('workspace:')) continue;
      if (!local) throw new Error(`${example}: ${name}@${range} is not a package of this workspace.`);
      const spec = range.slice('workspace:'.length);
      manifest[field][name] =
        spec === '*' || spec === '^' ? `^${local.version}` : spec === '~' ? `~${local.version}` : spec;
    }
  }
  return manifest;
}

/** @param {string} example @param {string} out @param {Awaited<ReturnType<typeof workspacePackages>>} workspace */
async function buildTemplate(example, out, workspace) {
  await rm(out, { recursive: true, force: true });
  await cp(example, out, { recursive: true, filter: (source) => !excluded(source) });
  const manifestPath = join(out, 'package.json');
  const manifest = resolveWorkspaceRanges(JSON.parse(await readFile(manifestPath, 'utf8')), workspace, example);
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const tsconfig = await readFile(join(out, 'tsconfig.json'), 'utf8').catch(() => '');
  const extendsPath = /"extends"\s*:\s*"(\.\.?\/[^"]*)"/.exec(tsconfig)?.[1];
  if (extendsPath && relative(example, join(example, extendsPath)).startsWith('..')) {
    throw new Error(
      `${example}/tsconfig.json extends ${extendsPath}, outside the example: an app copied out would not compile.`,
    );
  }

  const ownIgnores = (await readFile(join(out, '.gitignore'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.trim() && !GITIGNORE.includes(line.trim()));
  await rm(join(out, '.gitignore'), { force: true });
  await writeFile(join(out, '_gitignore'), [...GITIGNORE, ...ownIgnores].join('\n') + '\n');

  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    const renamed = RENAMED[/** @type {keyof typeof RENAMED} */ (entry.name)];
    if (renamed && entry.isFile())
      await cp(join(entry.parentPath, entry.name), join(entry.parentPath, renamed)).then(() =>
        rm(join(entry.parentPath, entry.name)),
      );
  }
}

/**
 * Builds `outDir/<framework>` from `examplesDir/<framework>` for each of `frameworks` (every framework and
 * inbox template by default), replacing `outDir`.
 * `workspace` (default: this repository's `packages/*`) is what the examples' `@finhooks/*` ranges resolve to.
 * @param {{ examplesDir: string, outDir: string, frameworks?: readonly string[], workspace?: Awaited<ReturnType<typeof workspacePackages>> }} options
 */
export async function buildTemplates({ examplesDir, outDir, frameworks = [...FRAMEWORKS, ...INBOX_TEMPLATES], workspace }) {
  workspace ??= await workspacePackages();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const framework of frameworks) {
    await buildTemplate(join(examplesDir, framework), join(outDir, framework), workspace);
  }
}
