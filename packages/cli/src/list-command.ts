import type { Command } from 'commander';
import type pg from 'pg';
import { type DatabaseFlags, type PostgresModule, positiveInteger, withDatabase, writer } from './database.js';

/** The flags every `… list` command takes besides its filters. */
export interface ListFlags extends DatabaseFlags {
  readonly limit: number;
  readonly json?: boolean;
}

export interface ListSpec<F extends ListFlags, Row> {
  /** What the rows are, for `--limit`'s help: `deliveries`, `events`. */
  readonly noun: string;
  /** The newest `flags.limit` rows matching the flags' filters. */
  readonly fetch: (postgres: PostgresModule, pool: pg.Pool, flags: F) => Promise<readonly Row[]>;
  /** The sentence printed when nothing matched. */
  readonly empty: (flags: F) => string;
  /** The rows as text (a table). */
  readonly format: (rows: readonly Row[]) => string;
}

/**
 * `--limit`/`--json` and the action of a `… list` command (`inbox list`, `audit list`): fetch the
 * newest rows, then print them as JSON, as a table with a note when `--limit` cut the list, or as
 * one sentence when there are none. Call it after the command's filter options (help lists them first).
 */
export function listAction<F extends ListFlags, Row>(command: Command, spec: ListSpec<F, Row>): Command {
  return command
    .option('--limit <n>', `most ${spec.noun} to show`, positiveInteger, 50)
    .option('--json', 'print a JSON array')
    .action(async (_flags: unknown, self: Command) => {
      const flags = self.optsWithGlobals<F>();
      const rows = await withDatabase(flags, (postgres, pool) => spec.fetch(postgres, pool, flags));
      const out = writer(self);
      if (flags.json) out(`${JSON.stringify(rows, null, 2)}\n`);
      else if (rows.length === 0) out(`${spec.empty(flags)}\n`);
      else {
        out(spec.format(rows));
        if (rows.length === flags.limit) out(`\n(the newest ${flags.limit}; use --limit for more)\n`);
      }
    });
}
