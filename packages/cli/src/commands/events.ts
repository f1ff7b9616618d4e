import { Command } from 'commander';
import { eventTypes, PROVIDER_NAMES, resolveProvider } from '../catalogs.js';
import type { CliIo } from '../io.js';

export function eventsCommand(io: CliIo): Command {
  return new Command('events')
    .description("List the event types in the providers' catalogues")
    .argument('[provider]', 'atomic, moneyhub or atelio (default: all)')
    .option('--json', 'print JSON: an array of types for one provider, { provider: types } for all')
    .addHelpText(
      'after',
      `
Examples:
  $ finhooks events              # every provider, grouped, with counts
  $ finhooks events atelio       # one type per line
  $ finhooks events moneyhub --json`,
    )
    .action((name: string | undefined, flags: { json?: boolean }) => {
      const providers = name === undefined ? [...PROVIDER_NAMES] : [resolveProvider(name)];
      if (flags.json) {
        const value =
          name === undefined ? Object.fromEntries(providers.map((p) => [p, eventTypes(p)])) : eventTypes(providers[0]!);
        io.out(`${JSON.stringify(value, null, 2)}\n`);
        return;
      }
      if (name !== undefined) {
        io.out(
          eventTypes(providers[0]!)
            .map((type) => `${type}\n`)
            .join(''),
        );
        return;
      }
      const groups = providers.map((p) => {
        const types = eventTypes(p);
        return [`${p} (${types.length})`, ...types.map((type) => `  ${type}`)].join('\n');
      });
      io.out(`${groups.join('\n\n')}\n`);
    });
}
