import { Command } from 'commander';
import { CliError } from '../errors.js';

const DEFAULT_DATABASE_URL = 'postgres://127.0.0.1:5432/postgres';

interface DbFlags {
  readonly databaseUrl?: string;
  readonly schema: string;
}

/** `finhooks db migrate`: the `@finhooks/postgres` migrations, as `migrate(pool, { schema })` applies them. */
export function dbCommand(): Command {
  const db = new Command('db')
    .description('The PostgreSQL tables of @finhooks/postgres (inbox, store)')
    .option('--database-url <url>', `PostgreSQL URL (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .option('--schema <name>', 'schema of the finhooks tables', 'finhooks')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  $ DATABASE_URL=postgres://app@db.internal/app finhooks db migrate
  $ finhooks db migrate --schema payments_hooks --database-url postgres://app@127.0.0.1/app`,
    );

  db.command('migrate')
    .description('Create or upgrade the finhooks tables (safe to run from several instances at once)')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DbFlags>();
      const url = flags.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
      const [{ migrate }, pg] = await Promise.all([load(() => import('@finhooks/postgres')), load(() => import('pg'))]);
      const pool = new pg.default.Pool({ connectionString: url, connectionTimeoutMillis: 10_000 });
      pool.on('error', () => undefined);
      try {
        const { applied, version } = await migrate(pool, { schema: flags.schema });
        const output = command.configureOutput();
        const out = (text: string) => (output.writeOut ? output.writeOut(text) : void process.stdout.write(text));
        out(
          applied.length === 0
            ? `Schema "${flags.schema}" is up to date (version ${version}).\n`
            : `Applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')} to schema "${flags.schema}" (now version ${version}).\n`,
        );
      } catch (error) {
        // The URL may carry a password: only its host part is shown.
        throw new CliError(
          `${(error as Error).message} (database ${redact(url)}; set --database-url or DATABASE_URL)`,
          1,
          {
            cause: error,
          },
        );
      } finally {
        await pool.end().catch(() => undefined);
      }
    });
  return db;
}

/** `@finhooks/postgres` and `pg` are optional peers: only `db` needs them. */
async function load<T>(importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    throw new CliError(
      'finhooks db needs @finhooks/postgres and pg next to the CLI: npm install @finhooks/postgres pg',
      1,
      {
        cause: error,
      },
    );
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
