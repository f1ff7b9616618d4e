import { type Command, InvalidArgumentError } from 'commander';
import type pg from 'pg';
import { CliError } from './errors.js';

export type PostgresModule = typeof import('@finhooks/postgres');

export const DEFAULT_DATABASE_URL = 'postgres://127.0.0.1:5432/postgres';

/** The options every PostgreSQL command (`db`, `inbox`, `audit`) takes. */
export interface DatabaseFlags {
  readonly databaseUrl?: string;
  readonly schema: string;
}

/** Adds `--database-url` and `--schema` to a command group (its subcommands inherit them). */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--database-url <url>', `PostgreSQL URL (default: $DATABASE_URL or ${DEFAULT_DATABASE_URL})`)
    .option('--schema <name>', 'schema of the finhooks tables', 'finhooks')
    .configureHelp({ showGlobalOptions: true });
}

/**
 * Runs `body` with `@finhooks/postgres` and a pool on the flags' database, then ends the pool.
 * A failure names the database with its password hidden, and says what to set.
 */
export async function withDatabase<T>(
  flags: DatabaseFlags,
  body: (postgres: PostgresModule, pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const url = flags.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const [postgres, pgModule] = await Promise.all([load(() => import('@finhooks/postgres')), load(() => import('pg'))]);
  const pool = new pgModule.default.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, max: 2 });
  pool.on('error', () => undefined);
  try {
    return await body(postgres, pool);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === '42P01' || code === '3F000') {
      throw new CliError(
        `${(error as Error).message}: schema "${flags.schema}" is not migrated to this release; run finhooks db migrate --schema ${flags.schema} (database ${redactUrl(url)})`,
        1,
        { cause: error },
      );
    }
    throw new CliError(
      `${(error as Error).message} (database ${redactUrl(url)}; set --database-url or DATABASE_URL)`,
      1,
      { cause: error },
    );
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** `@finhooks/postgres` and `pg` are optional peers: only the PostgreSQL commands need them. */
async function load<T>(importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    throw new CliError(
      'This command needs @finhooks/postgres and pg next to the CLI: npm install @finhooks/postgres pg',
      1,
      { cause: error },
    );
  }
}

/** The URL with its password replaced: it may appear in an error message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration option: `500ms`, `90s`, `30m`, `72h`, `7d`, or a number of ms. */
export function duration(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 'ms']! : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidArgumentError('Expected a duration such as 72h, 7d, 30m, 90s or a number of ms.');
  }
  return ms;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('Expected a positive integer.');
  return n;
}

/** Writes through the program's output (captured when run programmatically). */
export function writer(command: Command): (text: string) => void {
  const output = command.configureOutput();
  return (text) => (output.writeOut ? output.writeOut(text) : void process.stdout.write(text));
}

/** Aligned columns, header first; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return [header, ...rows].map(line).join('');
}
