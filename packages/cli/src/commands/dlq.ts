import { createInterface } from 'node:readline/promises';
import { Command, InvalidArgumentError } from 'commander';
import { CliError, UsageError } from '../errors.js';

type RedisModule = typeof import('@finhooks/redis');

interface DlqFlags {
  readonly redisUrl?: string;
  readonly queue: string;
  readonly prefix: string;
}

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * `finhooks dlq list|replay|purge`: the dead-letter list of queue mode (`@finhooks/redis`), i.e. the
 * events whose every attempt failed. Prints ids, types and failure reasons, never a payload.
 */
export function dlqCommand(): Command {
  const dlq = new Command('dlq')
    .description('List, replay and purge dead-lettered events (queue mode, @finhooks/redis)')
    .option('--redis-url <url>', `Redis URL (default: $REDIS_URL or ${DEFAULT_REDIS_URL})`)
    .option('--queue <name>', 'queue name, as given to redisQueue/createWorker', 'finhooks')
    .option('--prefix <prefix>', 'BullMQ key prefix', 'bull')
    // `dlq list --help` also shows --redis-url/--queue/--prefix, which may follow the subcommand.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  $ finhooks dlq list                          # the oldest 50 dead letters
  $ finhooks dlq list --limit 500 --json
  $ finhooks dlq replay 'atelio/card.created%3A2024-06-01T12%3A00%3A00Z'
  $ finhooks dlq replay --all --queue payroll --redis-url rediss://user:pass@redis.internal:6380
  $ finhooks dlq purge --all --yes             # delete them for good, payloads included`,
    );

  dlq
    .command('list')
    .description('List dead-lettered events, oldest first: job id, provider, type, event id, attempts, failure')
    .option('--limit <n>', 'most events to show', positiveInteger, 50)
    .option('--json', 'print a JSON array')
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DlqFlags & { limit: number; json?: boolean }>();
      const redis = await loadRedis();
      const url = redisUrl(flags);
      const options = { connection: url, queueName: flags.queue, prefix: flags.prefix };
      const [letters, total] = await reach(url, () =>
        Promise.all([redis.listDeadLetters({ ...options, limit: flags.limit }), redis.countDeadLetters(options)]),
      );
      const out = writer(command);
      if (flags.json) {
        out(`${JSON.stringify(letters, null, 2)}\n`);
        return;
      }
      if (total === 0) {
        out(`No dead-lettered events in queue "${flags.queue}".\n`);
        return;
      }
      const shown = letters.length < total ? ` (showing the oldest ${letters.length}; use --limit)` : '';
      out(`${total} dead-lettered event${total === 1 ? '' : 's'} in queue "${flags.queue}"${shown}:\n\n`);
      out(formatLetters(letters));
      out(`\nReplay once the handler is fixed: finhooks dlq replay <job id…> | --all\n`);
    });

  dlq
    .command('replay')
    .description('Move dead-lettered events back to the queue, each with a fresh set of attempts')
    .argument('[jobIds...]', 'job ids, as `dlq list` shows them')
    .option('--all', 'replay every dead-lettered event')
    .action(async (jobIds: string[], _flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DlqFlags & { all?: boolean }>();
      if (flags.all && jobIds.length > 0) throw new UsageError('Give job ids or --all, not both.');
      if (!flags.all && jobIds.length === 0)
        throw new UsageError('Give the job ids to replay (see `finhooks dlq list`), or --all.');
      const redis = await loadRedis();
      const url = redisUrl(flags);
      const result = await reach(url, () =>
        redis.replayDeadLetters({
          connection: url,
          queueName: flags.queue,
          prefix: flags.prefix,
          ...(!flags.all && { jobIds }),
        }),
      );
      const out = writer(command);
      if (flags.all && result.replayed.length === 0) {
        out(`No dead-lettered events in queue "${flags.queue}".\n`);
        return;
      }
      if (result.replayed.length > 0) {
        out(
          `Replayed ${result.replayed.length} event${result.replayed.length === 1 ? '' : 's'}:\n${result.replayed.map((id) => `  ${id}\n`).join('')}`,
        );
      }
      if (result.skipped.length > 0) {
        const lines = result.skipped.map((s) => `  ${s.jobId}: ${s.reason}`).join('\n');
        throw new CliError(
          `${result.skipped.length} event${result.skipped.length === 1 ? ' was' : 's were'} not replayed:\n${lines}`,
        );
      }
    });

  dlq
    .command('purge')
    .description(
      'Delete dead-lettered events for good, payloads included (they also expire on their own: removeOnFail.age, 7 days by default)',
    )
    .argument('[jobIds...]', 'job ids, as `dlq list` shows them')
    .option('--all', 'purge every dead-lettered event')
    .option('-y, --yes', 'do not ask for confirmation (required when not run in a terminal)')
    .action(async (jobIds: string[], _flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DlqFlags & { all?: boolean; yes?: boolean }>();
      if (flags.all && jobIds.length > 0) throw new UsageError('Give job ids or --all, not both.');
      if (!flags.all && jobIds.length === 0)
        throw new UsageError('Give the job ids to purge (see `finhooks dlq list`), or --all.');
      const what = flags.all
        ? 'every dead-lettered event'
        : `${jobIds.length} dead-lettered event${jobIds.length === 1 ? '' : 's'}`;
      if (
        !flags.yes &&
        !(await confirm(`Delete ${what} in queue "${flags.queue}" for good, payloads included? [y/N] `))
      )
        throw new UsageError(
          process.stdin.isTTY
            ? 'Nothing was purged.'
            : 'purge deletes events for good: pass --yes to confirm (there is no terminal to ask on).',
        );
      const redis = await loadRedis();
      const url = redisUrl(flags);
      const result = await reach(url, () =>
        redis.purgeDeadLetters({
          connection: url,
          queueName: flags.queue,
          prefix: flags.prefix,
          ...(!flags.all && { jobIds }),
        }),
      );
      const out = writer(command);
      if (flags.all && result.purged.length === 0) {
        out(`No dead-lettered events in queue "${flags.queue}".\n`);
        return;
      }
      if (result.purged.length > 0) {
        out(
          `Purged ${result.purged.length} event${result.purged.length === 1 ? '' : 's'}:\n${result.purged.map((id) => `  ${id}\n`).join('')}`,
        );
      }
      if (result.skipped.length > 0) {
        const lines = result.skipped.map((s) => `  ${s.jobId}: ${s.reason}`).join('\n');
        throw new CliError(
          `${result.skipped.length} event${result.skipped.length === 1 ? ' was' : 's were'} not purged:\n${lines}`,
        );
      }
    });

  return dlq;
}

/** Asks on the terminal; without one (CI, a pipe) there is nobody to ask: not confirmed. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

/** `@finhooks/redis` is an optional peer: only `dlq` needs it. */
async function loadRedis(): Promise<RedisModule> {
  try {
    return await import('@finhooks/redis');
  } catch (error) {
    throw new CliError('finhooks dlq needs @finhooks/redis next to the CLI: npm install @finhooks/redis', 1, {
      cause: error,
    });
  }
}

function redisUrl(flags: DlqFlags): string {
  return flags.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
}

/** Runs a Redis call; a failure names the server (without credentials) and what to check. */
async function reach<T>(url: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { redactUrl } = await loadRedis();
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)} (Redis at ${redactUrl(url)}; set --redis-url or REDIS_URL)`,
      1,
      { cause: error },
    );
  }
}

/** Writes through the program's output (captured when run programmatically). */
function writer(command: Command): (text: string) => void {
  const output = command.configureOutput();
  return (text) => (output.writeOut ? output.writeOut(text) : void process.stdout.write(text));
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('Expected a positive integer.');
  return n;
}

function formatLetters(letters: ReadonlyArray<Awaited<ReturnType<RedisModule['listDeadLetters']>>[number]>): string {
  const header = ['JOB ID', 'PROVIDER', 'TYPE', 'ATTEMPTS', 'FAILED AT'];
  const rows = letters.map((l) => [l.jobId, l.provider, l.type, String(l.attempts), l.failedAt?.toISOString() ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return [
    line(header),
    ...letters.map(
      (l, i) => `${line(rows[i]!)}    event id: ${l.eventId}\n    reason:   ${l.failedReason || '(none recorded)'}\n`,
    ),
  ].join('');
}
