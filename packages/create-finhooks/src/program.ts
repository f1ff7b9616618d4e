import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { describeApp, FRAMEWORK_NAMES, PROVIDERS } from './catalog.js';
import { paintFor } from './colors.js';
import { UsageError } from './errors.js';
import { type Io, isInteractive, processIo } from './io.js';
import { nextSteps } from './next-steps.js';
import { INBOX_DESCRIPTION, INBOX_FRAMEWORKS, INBOXES, templateName } from './inbox.js';
import { givenChoices, nonInteractiveChoices } from './options.js';
import { packageNameFor, type PackageJson } from './package-json.js';
import { packageManagerFrom } from './package-manager.js';
import { ask, Cancelled } from './prompts.js';
import { scaffold } from './scaffold.js';
import { findTarballs } from './tarballs.js';
import { TEMPLATES_DIR, templateDir } from './templates.js';
import { VERSION } from './version.js';

export interface RunOptions {
  /** Where the framework templates are (tests point it at a fixture). */
  readonly templates?: string;
}

interface CommandFlags {
  framework?: string;
  provider?: string[];
  yes?: boolean;
  tarballs?: string;
  inbox?: string;
}

function createProgram(io: Io): Command {
  const paint = paintFor(io.stdout, io.env);
  return new Command('create-finhooks')
    .description('Write a ready app that receives verified, typed Atomic, Moneyhub and Atelio webhooks.')
    .argument('[directory]', 'the folder to create the app in (must be new or empty)')
    .addOption(new Option('-f, --framework <name>', 'the web framework').choices([...FRAMEWORK_NAMES, 'next', 'nest']))
    .option(
      '-p, --provider <names>',
      `the providers to receive, comma-separated or repeated: ${PROVIDERS.join(', ')}`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(
      new Option(
        '--inbox <store>',
        `store each event in a PostgreSQL inbox; a worker applies it to your tables exactly once (${INBOX_FRAMEWORKS.join(', ')} only)`,
      ).choices([...INBOXES]),
    )
    .option('-y, --yes', 'never ask: take the defaults for what is not given (finhooks-app, express, every provider)')
    .option(
      '--tarballs <dir>',
      'install @finhooks/* from the `pnpm pack` tarballs in <dir> (to try finhooks before it is on npm)',
    )
    .version(VERSION, '-v, --version')
    .helpOption('-h, --help')
    .addHelpText(
      'after',
      [
        '',
        'Without a terminal (CI, a pipe) nothing is asked: give the folder, --framework and --provider, or --yes.',
        '',
        'Examples:',
        `  ${paint('cyan', 'npm create finhooks@latest')}`,
        `  ${paint('cyan', 'npm create finhooks@latest my-webhooks -- --framework fastify --provider atelio,atomic')}`,
        `  ${paint('cyan', 'pnpm create finhooks my-webhooks --framework nextjs --provider moneyhub')}`,
        `  ${paint('cyan', 'npm create finhooks@latest my-ledger -- --inbox postgres --provider atelio')}`,
      ].join('\n'),
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(paint('red', text)),
    })
    .showHelpAfterError('(add --help for usage)');
}

/** Runs create-finhooks on `argv` (without `node` and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[], io: Io = processIo(), options: RunOptions = {}): Promise<number> {
  const program = createProgram(io);
  let directoryArg: string | undefined;
  program.action((directory?: string) => void (directoryArg = directory));
  const errPaint = paintFor(io.stderr, io.env);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const flags = program.opts<CommandFlags>();
    const given = givenChoices(directoryArg, flags);
    const choices =
      !flags.yes && isInteractive(io)
        ? { ...(await ask(io, given)), inbox: given.inbox }
        : nonInteractiveChoices(given, Boolean(flags.yes));
    const target = resolve(io.cwd, choices.directory);
    const tarballs = flags.tarballs === undefined ? undefined : await findTarballs(resolve(io.cwd, flags.tarballs));
    const template = templateDir(templateName(choices.framework, choices.inbox), options.templates ?? TEMPLATES_DIR);
    const app = describeApp(choices.framework, choices.providers);
    await scaffold({
      template,
      target,
      name: packageNameFor(target),
      description: choices.inbox
        ? `${app} with finhooks: ${INBOX_DESCRIPTION[choices.inbox]}.`
        : `${app} with finhooks.`,
      providers: choices.providers,
      tarballs,
    });
    const pkg = JSON.parse(await readFile(join(target, 'package.json'), 'utf8')) as PackageJson;
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const shown = relative(io.cwd, target);
    io.stdout.write(
      nextSteps(
        {
          directory: shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? target : shown,
          framework: choices.framework,
          providers: choices.providers,
          inbox: choices.inbox,
          devScript: 'dev' in scripts ? 'dev' : 'start',
          tarballs: flags.tarballs === undefined ? undefined : resolve(io.cwd, flags.tarballs),
        },
        packageManagerFrom(io.env.npm_config_user_agent),
        paintFor(io.stdout, io.env),
      ),
    );
    return 0;
  } catch (error) {
    // Commander printed its own message; --help and --version come through here with code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof Cancelled) return 130;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${errPaint('red', 'error:')} ${message}\n`);
    if (!(error instanceof UsageError) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
