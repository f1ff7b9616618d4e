import { isProvider, type Provider } from './catalog.js';

/**
 * The template convention (shared with the examples, which are the templates' source):
 *
 * - a file whose path names a provider belongs to it: a path segment, or the part of the file name
 *   before its first dot, equal to the provider's name or starting with `<provider>-`
 *   (`src/webhooks/atomic.ts`, `app/api/webhooks/atomic/route.ts`, `pages/api/webhooks/atomic-pages.ts`,
 *   `test/moneyhub-identity.ts`);
 * - a line of a shared file that belongs to one provider ends with a marker comment:
 *   `// @provider atomic`, `/* @provider atomic *\/`, `<!-- @provider atomic -->` or `# @provider atomic`.
 *
 * Files and lines of providers that were not selected are dropped; markers are stripped from the lines kept.
 * A line ending with `@example-only` (same comment forms) is dropped from every app: it only makes
 * sense in the finhooks repository (workspace commands, the convention itself).
 */

/** The provider a path belongs to, if any. */
export function providerOfPath(path: string): Provider | undefined {
  for (const segment of path.split(/[\\/]/)) {
    const stem = segment.split('.')[0] ?? '';
    for (const candidate of [stem, stem.split('-')[0] ?? '']) {
      if (isProvider(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Whether a template file is part of an app with `selected` providers. */
export function keepsPath(path: string, selected: readonly Provider[]): boolean {
  const owner = providerOfPath(path);
  return owner === undefined || selected.includes(owner);
}

// A marker comment at the end of a line, with the whitespace before it.
const MARKER =
  /[ \t]*(?:\/\/|#|<!--|\{?\/\*)[ \t]*@(?:provider[ \t]+([\w-]+)|example-only)[ \t]*(?:-->|\*\/\}?)?[ \t]*$/;

/**
 * `text` without the lines of providers not in `selected`, and without markers. An unknown
 * provider in a marker throws: a typo would otherwise silently keep or drop lines.
 */
export function filterLines(text: string, selected: readonly Provider[], file = 'a template file'): string {
  if (!text.includes('@provider') && !text.includes('@example-only')) return text;
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const carriageReturn = line.endsWith('\r') ? '\r' : '';
    const content = carriageReturn ? line.slice(0, -1) : line;
    const match = MARKER.exec(content);
    if (!match) {
      kept.push(line);
      continue;
    }
    const owner = match[1];
    if (owner === undefined) continue; // @example-only
    if (!isProvider(owner)) throw new Error(`${file} marks a line with an unknown provider "${owner}".`);
    if (selected.includes(owner)) kept.push(content.slice(0, match.index) + carriageReturn);
  }
  return kept.join('\n');
}
