import { Command } from 'commander';
import { eventTypeJsonSchema, resolveProvider } from '../catalogs.js';
import type { CliIo } from '../io.js';

export function schemaCommand(io: CliIo): Command {
  return new Command('schema')
    .description("Print the JSON Schema of an event's body (from the catalogue's zod schema)")
    .argument('<provider>', 'atomic, moneyhub or atelio')
    .argument('<event>', 'event type, e.g. transactions')
    .addHelpText(
      'after',
      `
Moneyhub's schema describes the JSON envelope { id, eventType, userId, payload } that handlers see,
whichever format (JWT or JSON) the event was delivered in.

Examples:
  $ finhooks schema atelio transactions
  $ finhooks schema atomic task-status-updated > task-status-updated.schema.json`,
    )
    .action((providerName: string, event: string) => {
      const schema = eventTypeJsonSchema(resolveProvider(providerName), event);
      io.out(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
