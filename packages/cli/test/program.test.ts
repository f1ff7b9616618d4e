import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';

describe('finhooks program', () => {
  it('dist/bin.js is an ESM script with a node shebang', async () => {
    const source = await readFile(BIN, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(source).not.toContain('require(');
  });

  it('--help lists the commands and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['send', 'events', 'schema', 'keys', 'dlq', 'db', 'inbox', 'audit'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(run.stdout).toContain('Exit codes: 0 success, 1 delivery refused or receiver unreachable, 2 bad input.');
  });

  it('send --help documents every option with examples', async () => {
    const run = await runCli(['send', '--help']);
    expect(run.code).toBe(0);
    for (const option of [
      '--url',
      '--secret',
      '--dev',
      '--payload',
      '--header',
      '--repeat',
      '--allow-unknown',
      '--tamper',
      '--key',
      '--serve-jwks',
      '--issuer',
      '--audience',
      '--format',
      '--timeout',
      '--print-body',
      '--verbose',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('$ finhooks send atelio card.created');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown command exits 2 with a suggestion', async () => {
    const run = await runCli(['sned']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'sned'");
    expect(run.stderr).toContain('(Did you mean send?)');
  });
});
