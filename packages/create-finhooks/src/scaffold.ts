import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Provider } from './catalog.js';
import { UsageError } from './errors.js';
import { filterLines, keepsPath } from './markers.js';
import { appPackageJson, type PackageJson, useTarballs } from './package-json.js';

export interface ScaffoldOptions {
  /** The framework's template folder (`templates/<framework>` of this package). */
  readonly template: string;
  /** Where the app is written: absent, empty, or holding only `.git`. */
  readonly target: string;
  readonly name: string;
  readonly providers: readonly Provider[];
  /** The app's package.json description. */
  readonly description: string;
  /** `@finhooks/*` package name → tarball path, to install finhooks from local tarballs. */
  readonly tarballs?: ReadonlyMap<string, string>;
}

/**
 * Files npm leaves out of a published package whatever `files` says: the template build stores
 * them under another name, given back here.
 */
const RENAMED: Record<string, string> = { _gitignore: '.gitignore', _npmrc: '.npmrc' };

/** Writes the app; resolves with the paths written, relative to the target, sorted. */
export async function scaffold(options: ScaffoldOptions): Promise<string[]> {
  if (options.providers.length === 0) throw new UsageError('Choose at least one provider.');
  await assertWritableTarget(options.target);
  // Everything is rendered before the first write, so a failure leaves nothing half-written.
  const files: Array<{ path: string; content: Buffer | string; mode: number }> = [];
  for (const source of await listFiles(options.template)) {
    const templatePath = relative(options.template, source).split(sep).join('/');
    if (!keepsPath(templatePath, options.providers)) continue;
    const path = templatePath
      .split('/')
      .map((segment) => RENAMED[segment] ?? segment)
      .join('/');
    const content = await render(templatePath, await readFile(source), options);
    files.push({ path, content, mode: (await stat(source)).mode & 0o777 });
  }
  for (const { path, content, mode } of files) {
    const destination = join(options.target, ...path.split('/'));
    await mkdir(dirname(destination), { recursive: true });
    await writeFile(destination, content, { flag: 'wx', mode });
  }
  return files.map((file) => file.path).sort();
}

async function render(path: string, bytes: Buffer, options: ScaffoldOptions): Promise<Buffer | string> {
  if (path === 'package.json') {
    let pkg = appPackageJson(JSON.parse(bytes.toString('utf8')) as PackageJson, options.name, options.description);
    if (options.tarballs) pkg = useTarballs(pkg, options.tarballs);
    return `${JSON.stringify(pkg, null, 2)}\n`;
  }
  if (bytes.includes(0)) return bytes; // binary (an icon): copied as is
  return filterLines(bytes.toString('utf8'), options.providers, path);
}

/** Refuses a folder with anything in it but `.git`, so nothing of the user's is overwritten or mixed in. */
async function assertWritableTarget(target: string): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new UsageError(`${target} exists and is not a folder.`);
  const entries = (await readdir(target)).filter((entry) => entry !== '.git');
  if (entries.length > 0) {
    throw new UsageError(
      `${target} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}): choose a new or empty folder.`,
    );
  }
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true }).catch(() => {
    throw new Error(`The template ${directory} is missing: this create-finhooks build is incomplete.`);
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
