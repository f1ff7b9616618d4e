import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.js';
import { dbCommand } from './commands/db.js';
import { dlqCommand } from './commands/dlq.js';
import { eventsCommand } from './commands/events.js';
import { inboxCommand } from './commands/inbox.js';
import { keysCommand } from './commands/keys.js';
import { schemaCommand } from './commands/schema.js';
import { sendCommand } from './commands/send.js';
import { CliError, EXIT } from './errors.js';
import { paint } from './color.js';
import { type CliIo, processIo } from './io.js';
import { markRequired, reportAllMissing } from './missing.js';
import { VERSION } from './version.js';

/**
 * The `finhooks` program. It never exits the process: parse errors throw `CommanderError` and
 * failures throw `CliError` (see `runCli`, which maps both to exit codes).
 */
export function createProgram(io: CliIo = processIo()): Command {
  const program = new Command('finhooks')
    .description(
      'Send correctly signed sample webhooks (Atomic, Moneyhub, Atelio), list catalogues, export JSON Schema.',
    )
    .version(VERSION)
    .addCommand(sendCommand(io))
    .addCommand(eventsCommand(io))
    .addCommand(schemaCommand(io))
    .addCommand(keysCommand(io))
    .addCommand(dlqCommand())
    .addCommand(dbCommand())
    .addCommand(inboxCommand())
    .addCommand(auditCommand())
    .addHelpText('after', '\nExit codes: 0 success, 1 delivery refused or receiver unreachable, 2 bad input.');
  // addCommand does not pass settings down: apply them to every command in the tree.
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .configureOutput({
        writeOut: io.out,
        writeErr: io.err,
        getOutHasColors: () => io.color?.out ?? false,
        getErrHasColors: () => io.color?.err ?? false,
        outputError: (text, write) => write(paint(io.color?.err ?? false).red(text)),
      })
      .showHelpAfterError('(add --help for usage)');
    reportAllMissing(command);
    markRequired(command);
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander already printed its message; --help and --version come through here with code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { red } = paint(io.color?.err ?? false);
    if (error instanceof CliError) {
      io.err(`${red('error:')} ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`${red('error:')} ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
