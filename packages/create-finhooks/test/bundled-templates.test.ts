/**
 * The templates this package ships (built from the repository's examples by `pnpm build`): every
 * framework with every choice of providers scaffolds, and the app holds nothing of the providers
 * left out — no file, no line naming them, no marker left.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK_NAMES, PROVIDERS, type Provider } from '../src/catalog.js';
import { INBOX_TEMPLATE_NAMES } from '../src/inbox.js';
import { scaffold } from '../src/scaffold.js';
import { TEMPLATES_DIR, templateDir } from '../src/templates.js';

/** Every non-empty subset of the providers, in catalogue order. */
const SELECTIONS: Provider[][] = Array.from({ length: 2 ** PROVIDERS.length - 1 }, (_, index) =>
  PROVIDERS.filter((_, bit) => ((index + 1) >> bit) & 1),
);

let work: string;
beforeAll(async () => {
  if (!existsSync(TEMPLATES_DIR)) throw new Error('No templates/: run `pnpm build` in packages/create-finhooks first.');
  work = await mkdtemp(join(tmpdir(), 'create-finhooks-bundled-'));
});
afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

it('covers every non-empty choice of providers', () => {
  expect(SELECTIONS.map((s) => s.join(','))).toEqual(
    expect.arrayContaining([
      'atomic',
      'moneyhub',
      'atelio',
      'atomic,moneyhub',
      'atomic,atelio',
      'moneyhub,atelio',
      'atomic,moneyhub,atelio',
    ]),
  );
  expect(SELECTIONS).toHaveLength(7);
});

describe.each([...FRAMEWORK_NAMES, ...INBOX_TEMPLATE_NAMES])('templates/%s', (framework) => {
  it.each(SELECTIONS.map((selection) => [selection.join(','), selection] as const))(
    '--provider %s: only those providers’ files and lines, no marker left',
    async (label, selection) => {
      const target = join(work, `${framework}-${label.replace(/,/g, '-')}`);
      const files = await scaffold({
        template: templateDir(framework),
        target,
        name: 'app',
        description: 'app',
        providers: selection,
      });
      expect(files).toEqual(expect.arrayContaining(['.gitignore', 'package.json', 'README.md']));
      const left = PROVIDERS.filter((p) => !selection.includes(p));
      const mentions = new RegExp(`${left.length > 0 ? left.join('|') : '(?!)'}|@provider`, 'i');
      const found: string[] = files.filter((path) => mentions.test(path));
      for (const path of files) {
        const text = await readFile(join(target, path), 'utf8');
        text.split('\n').forEach((line, index) => {
          if (mentions.test(line)) found.push(`${path}:${index + 1}: ${line.trim()}`);
        });
      }
      expect(found).toEqual([]);
      // Each chosen provider has its own file(s).
      for (const provider of selection) expect(files.some((path) => path.includes(provider))).toBe(true);
      expect(await readdir(target)).not.toContain('_gitignore');
    },
  );
});
