import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, type Provider } from '../src/catalog.js';
import { filterLines, keepsPath, providerOfPath } from '../src/markers.js';

describe('providerOfPath: a path segment, or a file name before its first dot, names the provider', () => {
  it.each([
    ['src/webhooks/atomic.ts', 'atomic'],
    ['app/api/webhooks/moneyhub/route.ts', 'moneyhub'],
    ['pages/api/webhooks/atomic-pages.ts', 'atomic'],
    ['test/moneyhub-identity.ts', 'moneyhub'],
    ['test/atelio.test.ts', 'atelio'],
    ['atelio/README.md', 'atelio'],
  ])('%s → %s', (path, provider) => {
    expect(providerOfPath(path)).toBe(provider);
  });

  it.each(['src/app.ts', 'src/webhooks.ts', 'README.md', 'src/atomicity.ts', 'src/my-atomic.ts', 'test/e2e.test.ts'])(
    '%s belongs to no provider',
    (path) => {
      expect(providerOfPath(path)).toBeUndefined();
    },
  );

  it('keeps shared files and the selected providers’ files only', () => {
    expect(keepsPath('src/app.ts', ['atelio'])).toBe(true);
    expect(keepsPath('src/webhooks/atelio.ts', ['atelio'])).toBe(true);
    expect(keepsPath('src/webhooks/atomic.ts', ['atelio'])).toBe(false);
    expect(keepsPath('app/api/webhooks/moneyhub/route.ts', ['atomic', 'atelio'])).toBe(false);
  });
});

describe('filterLines', () => {
  const text = [
    "import { a } from './a.js'; // @provider atomic",
    "import { m } from './m.js';  //  @provider moneyhub  ",
    'shared();',
    '| Atelio | route | <!-- @provider atelio -->',
    'ATOMIC_API_SECRET=x # @provider atomic',
    '{/* @provider moneyhub */}',
    '  <li>atelio</li> {/* @provider atelio */}',
    '// a comment that mentions @provider without being a marker.',
  ].join('\n');

  it('drops the lines of providers not selected and strips the markers of those kept', () => {
    expect(filterLines(text, ['atomic', 'atelio'])).toBe(
      [
        "import { a } from './a.js';",
        'shared();',
        '| Atelio | route |',
        'ATOMIC_API_SECRET=x',
        '  <li>atelio</li>',
        '// a comment that mentions @provider without being a marker.',
      ].join('\n'),
    );
    expect(filterLines(text, ['moneyhub'])).toBe(
      [
        "import { m } from './m.js';",
        'shared();',
        '',
        '// a comment that mentions @provider without being a marker.',
      ].join('\n'),
    );
  });

  it('drops @example-only lines from every app', () => {
    const text = 'kept();\nIn the repository: pnpm --filter x start <!-- @example-only -->\nworkspaceOnly(); // @example-only\n';
    expect(filterLines(text, [...PROVIDERS])).toBe('kept();\n');
  });

  it('keeps Windows line endings', () => {
    expect(filterLines('a(); // @provider atomic\r\nb(); // @provider atelio\r\nc();\r\n', ['atelio'])).toBe(
      'b();\r\nc();\r\n',
    );
  });

  it('refuses a marker naming an unknown provider, naming the file and not the line', () => {
    expect(() => filterLines('secret(); // @provider atomik', ['atomic'], 'src/app.ts')).toThrow(
      'src/app.ts marks a line with an unknown provider "atomik".',
    );
  });

  const selection = fc.subarray([...PROVIDERS], { minLength: 1 }) as fc.Arbitrary<Provider[]>;
  const plainLine = fc.string({ unit: fc.constantFrom('a', ' ', '/', '#', '@', 'p', '-', '>', '<', '!', '\t', 'x') });
  const markedLine = fc.tuple(plainLine, fc.constantFrom(...PROVIDERS), fc.constantFrom('// ', '# ', '<!-- ', '/* '));

  it('is the identity on text without markers', () => {
    fc.assert(
      fc.property(fc.array(plainLine), selection, (lines, selected) => {
        const input = lines.filter((line) => !/@provider[ \t]+[\w-]+/.test(line)).join('\n');
        expect(filterLines(input, selected)).toBe(input);
      }),
    );
  });

  it('keeps exactly the unmarked lines and the selected providers’ lines, in order, without markers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            plainLine.filter((l) => !l.includes('@provider')),
            markedLine,
          ),
        ),
        selection,
        (lines, selected) => {
          const render = (line: (typeof lines)[number]) =>
            typeof line === 'string'
              ? line
              : `x${line[0]} ${line[2]}@provider ${line[1]}${line[2] === '<!-- ' ? ' -->' : line[2] === '/* ' ? ' */' : ''}`;
          const expected = lines
            .filter((line) => typeof line === 'string' || selected.includes(line[1]))
            .map((line) => (typeof line === 'string' ? line : `x${line[0]}`.replace(/[ \t]+$/, '')));
          const output = filterLines(lines.map(render).join('\n'), selected);
          expect(output).toBe(expected.join('\n'));
        },
      ),
    );
  });
});
