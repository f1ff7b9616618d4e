/**
 * The CLI's output for people and scripts: every missing input named at once, required options
 * marked in --help, `send --json`, colour only where it belongs, a README that lists every command.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { atelio } from '@finhooks/core';
import type { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { useColor } from '../src/color.js';
import { DEV_ATELIO_SECRET } from '../src/dev-secrets.js';
import { bufferIo } from '../src/io.js';
import { createProgram } from '../src/program.js';
import { BIN, runCli } from './support/cli.js';
import { closeReceivers, freePort, startReceiver } from './support/receiver.js';

afterEach(closeReceivers);

describe('missing input', () => {
  it('`finhooks send` alone names every missing argument and option, with what it is', async () => {
    const run = await runCli(['send']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      [
        'error: `finhooks send` needs these 3:',
        '  <provider>   atomic, moneyhub or atelio',
        '  <event>      event type, e.g. card.created (`finhooks events <provider>` lists them)',
        "  --url <url>  the receiver's URL",
        '(add --help for usage)',
      ].join('\n'),
    );
  });

  it('names only what is missing: `send atelio` needs <event> and --url; `schema` needs both arguments', async () => {
    const send = await runCli(['send', 'atelio', '--dev']);
    expect(send.code).toBe(2);
    expect(send.stderr).toMatch(/needs these 2:\n {2}<event> .*\n {2}--url <url> /);
    expect(send.stderr).not.toMatch(/^ {2}<provider>/m);
    const schema = await runCli(['schema']);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/`finhooks schema` needs these 2:\n {2}<provider> .*\n {2}<event> /);
  });

  it('--help marks the required options', async () => {
    const run = await runCli(['send', '--help']);
    expect(run.stdout).toMatch(/^ {2}--url <url> +\(required\) the receiver's URL$/m);
    expect(run.stdout).toMatch(/^ {2}--secret <secret> +Atomic/m);
    for (const option of ['--id <id>', '--keep-ids', '--json']) expect(run.stdout).toContain(option);
  });
});

describe('finhooks send --json', () => {
  it('prints one JSON document on stdout, in the documented shape', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--repeat', '2', '--json']);
    expect(run.code, run.all).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toEqual({
      ok: true,
      provider: 'atelio',
      event: 'card.created',
      known: true,
      url: receiver.url,
      bytes: expect.any(Number),
      tampered: false,
      identity: { source: 'fresh', fields: { occurred_at: expect.stringMatching(/\+00:00$/) } },
      warnings: [],
      deliveries: [
        { status: 200, statusText: 'OK', ok: true, duplicate: false, ms: expect.any(Number), body: '{"received":true}' },
        { status: 200, statusText: 'OK', ok: true, duplicate: true, ms: expect.any(Number), body: '{"received":true,"duplicate":true}' },
      ],
    });
    // Notes stay on stderr, as text.
    expect(run.stderr).toContain('Signed with the development secret (--dev).');
  });

  it('a refused or unreachable delivery: ok false and the error, same exit codes', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const tampered = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--tamper', '--json']);
    expect(tampered.code).toBe(1);
    const refused = JSON.parse(tampered.stdout) as { ok: boolean; tampered: boolean; deliveries: Array<{ status: number }>; error: unknown };
    expect(refused).toMatchObject({ ok: false, tampered: true, deliveries: [{ status: 401 }] });
    expect(refused.error).toEqual({ message: 'The receiver refused the delivery (401 Unauthorized).', exitCode: 1 });

    const port = await freePort();
    const unreachable = await runCli(['send', 'atelio', 'card.created', '--url', `http://127.0.0.1:${port}/x`, '--dev', '--json']);
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.stdout)).toMatchObject({
      ok: false,
      deliveries: [],
      error: { message: `Could not reach http://127.0.0.1:${port}/x: ECONNREFUSED.`, exitCode: 1 },
    });
  });

  it('--verbose adds the request headers (credentials redacted) and body', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--json', '--verbose', '-H', 'cookie: s=1']);
    const report = JSON.parse(run.stdout) as { request: { headers: Record<string, string>; body: string } };
    expect(report.request.headers.cookie).toBe('[redacted]');
    expect(report.request.headers['bond-signature']).toMatch(/^t=\d+,v1=/);
    expect(JSON.parse(report.request.body)).toMatchObject({ event: 'card.created' });
  });
});

describe('colour', () => {
  const ESC = '\u001b[';

  it('none when the output is not a terminal (tests, pipes, CI logs)', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const run = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--tamper']);
    expect(run.code).toBe(1);
    expect(run.all).not.toContain(ESC);
  });

  it('FORCE_COLOR turns it on (green 2xx, red refusals and errors); NO_COLOR wins over it', async () => {
    const receiver = await startReceiver(atelio({ secret: DEV_ATELIO_SECRET }));
    const ok = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev'], { FORCE_COLOR: '1' });
    expect(ok.stdout).toMatch(/^\u001b\[32m200 OK\u001b\[39m in \d+ ms$/m);
    const refused = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--tamper'], { FORCE_COLOR: '1' });
    expect(refused.stdout).toContain(`${ESC}31m401 Unauthorized${ESC}39m`);
    expect(refused.stderr).toContain(`${ESC}31merror:${ESC}39m The receiver refused`);
    const json = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--json'], { FORCE_COLOR: '1' });
    expect(json.stdout).not.toContain(ESC);
    const off = await runCli(['send', 'atelio', 'card.created', '--url', receiver.url, '--dev', '--tamper'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(off.all).not.toContain(ESC);
  });

  it('useColor: a colour terminal unless NO_COLOR or FORCE_COLOR=0; FORCE_COLOR or CLICOLOR_FORCE anywhere', () => {
    const tty = { isTTY: true, hasColors: () => true };
    const pipe = { isTTY: false };
    expect(useColor(tty, {})).toBe(true);
    expect(useColor({ isTTY: true, hasColors: () => false }, {})).toBe(false);
    expect(useColor(pipe, {})).toBe(false);
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(tty, { NO_COLOR: '' })).toBe(true);
    expect(useColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(useColor(pipe, { CLICOLOR_FORCE: '1' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});

describe('documentation and pipes', () => {
  it('the README documents every command and subcommand, and the --json shape', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const leaves = (command: Command, prefix: string): string[] =>
      command.commands.length === 0
        ? [prefix]
        : command.commands.filter((c) => c.name() !== 'help').flatMap((c) => leaves(c, `${prefix} ${c.name()}`.trim()));
    const commands = leaves(createProgram(bufferIo()), '');
    expect(commands).toEqual(expect.arrayContaining(['send', 'events', 'schema', 'keys moneyhub', 'dlq list', 'dlq replay']));
    for (const command of commands) expect(readme, command).toMatch(new RegExp(`^#+ \`finhooks ${command}\\b`, 'm'));
    for (const key of ['"ok"', '"identity"', '"deliveries"', '"duplicate"', '| `error` |']) expect(readme).toContain(key);
  });

  it('a reader that closes the pipe early (`| head`) ends the CLI quietly', async () => {
    const child = spawn(process.execPath, [BIN, 'events'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
