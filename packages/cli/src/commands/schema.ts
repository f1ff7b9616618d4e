import { Command } from 'commander';
import { eventSchema, resolveProvider } from '../catalogs.js';
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
      const schema = eventSchema(resolveProvider(providerName), event);
      // Same as z.toJSONSchema(schema): zod 4 schemas carry the converter.
      io.out(`${JSON.stringify(schema.toJSONSchema(), null, 2)}\n`);
    });
}
