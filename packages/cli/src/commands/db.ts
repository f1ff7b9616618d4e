import { Command } from 'commander';
import { type DatabaseFlags, withDatabase, withDatabaseOptions, writer } from '../database.js';

/** `finhooks db migrate`: the `@finhooks/postgres` migrations, as `migrate(pool, { schema })` applies them. */
export function dbCommand(): Command {
  const db = withDatabaseOptions(
    new Command('db').description('The PostgreSQL tables of @finhooks/postgres (inbox, store, audit trail)'),
  ).addHelpText(
    'after',
    `
Examples:
  $ DATABASE_URL=postgres://app@db.internal/app finhooks db migrate
  $ finhooks db migrate --schema payments_hooks --database-url postgres://app@127.0.0.1/app`,
  );

  db.command('migrate')
    .description('Create or upgrade the finhooks tables (safe to run from several instances at once)')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DatabaseFlags>();
      const { applied, version } = await withDatabase(flags, ({ migrate }, pool) =>
        migrate(pool, { schema: flags.schema }),
      );
      writer(command)(
        applied.length === 0
          ? `Schema "${flags.schema}" is up to date (version ${version}).\n`
          : `Applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')} to schema "${flags.schema}" (now version ${version}).\n`,
      );
    });
  return db;
}
