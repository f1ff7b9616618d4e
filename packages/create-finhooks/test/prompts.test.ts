import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';
import { buildFixtureTemplates, type FixtureTemplates } from './support/fixture.js';
import { captureIo, type CapturedIo } from './support/io.js';

let fixture: FixtureTemplates;
let cwd: string;
beforeAll(async () => {
  fixture = await buildFixtureTemplates();
  cwd = join(fixture.work, 'cwd');
  await mkdir(cwd);
});
afterAll(() => fixture?.cleanup());

const KEY = { enter: '\r', down: '\x1b[B', space: ' ', ctrlC: '\x03' };

/**
 * Runs create-finhooks on a terminal (clack reads the keys from stdin, draws on stdout) and types
 * `keys`, each once the prompt has drawn what it waits for.
 */
async function typeInto(args: string[], steps: Array<[waitFor: string, keys: string]>) {
  const io: CapturedIo = captureIo(cwd, { tty: true, env: { NO_COLOR: '1' } });
  const running = runCli(args, io, { templates: fixture.templates });
  for (const [waitFor, keys] of steps) {
    const deadline = Date.now() + 5_000;
    while (!io.output().includes(waitFor)) {
      if (Date.now() > deadline) throw new Error(`The prompt never showed "${waitFor}":\n${io.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const shown = io.output().length;
    for (const key of keys.match(/\x1b\[[A-D]|[\s\S]/g) ?? []) io.stdin.write(key);
    // Let clack redraw before the next wait, so `waitFor` is matched in new output.
    while (io.output().length === shown) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { code: await running, output: io.output(), errors: io.errors() };
}

describe('on a terminal, create-finhooks asks for what the flags did not give', () => {
  it('folder, framework and providers', async () => {
    const result = await typeInto(
      [],
      [
        ['Where should the app be written?', `asked-app${KEY.enter}`],
        ['Which framework?', `${KEY.enter}`],
        // Every provider starts selected: deselect Atomic (the first) and keep the others.
        ['Which providers?', `${KEY.space}${KEY.enter}`],
      ],
    );
    expect(result.errors).toBe('');
    expect(result.code).toBe(0);
    expect(result.output).toContain('Created asked-app: an Express app receiving Moneyhub and Atelio webhooks.');
    expect(await readdir(join(cwd, 'asked-app/src/webhooks'))).toEqual(['atelio.ts', 'moneyhub.ts']);
    expect(JSON.parse(await readFile(join(cwd, 'asked-app/package.json'), 'utf8')).name).toBe('asked-app');
  });

  it('asks only what is missing: the folder and framework given, the providers asked', async () => {
    const result = await typeInto(['partly-asked', '--framework', 'express'], [['Which providers?', KEY.enter]]);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain('Which framework?');
    expect(await readdir(join(cwd, 'partly-asked/src/webhooks'))).toEqual(['atelio.ts', 'atomic.ts', 'moneyhub.ts']);
  });

  it('Ctrl+C leaves without writing anything, exit 130', async () => {
    const result = await typeInto(['cancelled-app'], [['Which framework?', KEY.ctrlC]]);
    expect(result.code).toBe(130);
    expect(result.output).toContain('Nothing was written.');
    await expect(stat(join(cwd, 'cancelled-app'))).rejects.toThrow('ENOENT');
  });

  it('--yes never asks, even on a terminal', async () => {
    const io = captureIo(cwd, { tty: true, env: { NO_COLOR: '1' } });
    expect(await runCli(['yes-app', '--yes'], io, { templates: fixture.templates })).toBe(0);
    expect(io.output()).not.toContain('?');
  });
});
