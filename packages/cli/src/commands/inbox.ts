import { Command, Option } from 'commander';
import type { InboxEventDetail, InboxEventSummary, InboxStatus } from '@finhooks/postgres';
import { type DatabaseFlags, duration, table, withDatabase, withDatabaseOptions, writer } from '../database.js';
import { CliError, UsageError } from '../errors.js';
import { type ListFlags, listAction } from '../list-command.js';

interface InboxListFlags extends ListFlags {
  readonly status?: InboxStatus;
  readonly instance?: string;
  readonly type?: string;
}

const STATUSES: readonly InboxStatus[] = ['pending', 'done', 'dead'];
const HOUR = 3_600_000;

/**
 * `finhooks inbox list|show|retry|purge`: the events of inbox mode (`@finhooks/postgres`). Payloads
 * carry personal data: `list` never prints them, `show` only with `--show-payload`.
 */
export function inboxCommand(): Command {
  const inbox = withDatabaseOptions(
    new Command('inbox').description('List, show, retry and purge the events of inbox mode (@finhooks/postgres)'),
  ).addHelpText(
    'after',
    `
Examples:
  $ finhooks inbox list --status dead                    # the newest 50 dead events
  $ finhooks inbox list --instance atelio --type card.created --limit 200 --json
  $ finhooks inbox show 'atelio:entity-sha256:9f2c…'      # payload hidden
  $ finhooks inbox show 'atelio:entity-sha256:9f2c…' --show-payload
  $ finhooks inbox retry --all                           # every dead event back to pending
  $ finhooks inbox purge --retention 72h                 # done events processed more than 72 h ago
  $ finhooks inbox purge --dead-retention 30d            # and dead ones older than 30 days`,
  );

  listAction<InboxListFlags, InboxEventSummary>(
    inbox
      .command('list')
      .description('List inbox events, newest first: received, status, attempts, type, key (never a payload)')
      .addOption(new Option('--status <status>', 'only events in this status').choices(STATUSES))
      .option('--instance <name>', "only this instance's events (createWebhooks({ name }))")
      .option('--type <type>', 'only this event type'),
    {
      noun: 'events',
      fetch: ({ listInboxEvents }, pool, flags) =>
        listInboxEvents(pool, {
          schema: flags.schema,
          limit: flags.limit,
          ...(flags.status && { status: flags.status }),
          ...(flags.instance && { instance: flags.instance }),
          ...(flags.type && { type: flags.type }),
        }),
      empty: (flags) =>
        `No inbox events${flags.status ? ` with status ${flags.status}` : ''} in schema "${flags.schema}".`,
      format: formatList,
    },
  );

  inbox
    .command('show')
    .description('Show one event: status, attempts, last error, the event (payload hidden unless --show-payload)')
    .argument('<key>', 'the event key, as `inbox list` shows it (<instance>:<event id>)')
    .option('--show-payload', 'print the payload too (it may carry personal data)')
    .option('--json', 'print JSON')
    .action(async (key: string, _flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DatabaseFlags & { showPayload?: boolean; json?: boolean }>();
      const found = await withDatabase(flags, ({ getInboxEvent }, pool) =>
        getInboxEvent(pool, key, { schema: flags.schema }),
      );
      if (!found) {
        throw new CliError(`No inbox event with key ${JSON.stringify(key)} in schema "${flags.schema}".`);
      }
      const shown = flags.showPayload ? found : redact(found);
      const out = writer(command);
      out(flags.json ? `${JSON.stringify(shown, null, 2)}\n` : formatDetail(shown, !flags.showPayload));
    });

  inbox
    .command('retry')
    .description('Put dead events back to pending, attempts reset, due at once (the worker runs them again)')
    .argument('[keys...]', 'event keys, as `inbox list` shows them')
    .option('--all', 'retry every dead event')
    .action(async (keys: string[], _flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DatabaseFlags & { all?: boolean }>();
      if (flags.all && keys.length > 0) throw new UsageError('Give event keys or --all, not both.');
      if (!flags.all && keys.length === 0) {
        throw new UsageError(
          'Give the keys of the dead events to retry (see `finhooks inbox list --status dead`), or --all.',
        );
      }
      const { retried, skipped } = await withDatabase(flags, async ({ getInboxEvent, replayDeadEvents }, pool) => {
        if (flags.all) return { retried: await replayDeadEvents(pool, { schema: flags.schema }), skipped: [] };
        const skipped: string[] = [];
        const dead: string[] = [];
        for (const key of new Set(keys)) {
          const event = await getInboxEvent(pool, key, { schema: flags.schema });
          if (!event) skipped.push(`  ${key}: no such event`);
          else if (event.status !== 'dead') skipped.push(`  ${key}: it is ${event.status}, not dead`);
          else dead.push(key);
        }
        const retried = dead.length === 0 ? 0 : await replayDeadEvents(pool, { schema: flags.schema, keys: dead });
        return { retried, skipped };
      });
      const out = writer(command);
      if (flags.all && retried === 0) out(`No dead events in schema "${flags.schema}".\n`);
      else if (retried > 0) out(`Retried ${retried} dead event${retried === 1 ? '' : 's'}: pending again, due now.\n`);
      if (skipped.length > 0) {
        throw new CliError(
          `${skipped.length} event${skipped.length === 1 ? ' was' : 's were'} not retried:\n${skipped.join('\n')}`,
        );
      }
    });

  inbox
    .command('purge')
    .description('Delete done events processed longer ago than --retention; dead ones only with --dead-retention')
    .option('--retention <duration>', 'how long done events are kept (72h, 7d, 30m…)', duration, 72 * HOUR)
    .option('--dead-retention <duration>', 'also delete dead events processed longer ago than this', duration)
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DatabaseFlags & { retention: number; deadRetention?: number }>();
      const { deadRetention } = flags;
      const purged = await withDatabase(flags, ({ purgeInbox }, pool) =>
        purgeInbox(pool, {
          schema: flags.schema,
          retention: flags.retention,
          ...(deadRetention !== undefined && { deadRetention }),
        }),
      );
      const what = `done events processed more than ${human(flags.retention)} ago${deadRetention === undefined ? '' : `, dead events more than ${human(deadRetention)} ago`}`;
      writer(command)(`Purged ${purged} event${purged === 1 ? '' : 's'} (${what}).\n`);
    });

  return inbox;
}

/** The stored event without its payload (what `show` prints unless asked). */
function redact(event: InboxEventDetail): InboxEventDetail {
  const { payload, ...rest } = event.event;
  return { ...event, event: { ...rest, ...(payload !== undefined && { payload: '[redacted: --show-payload]' }) } };
}

function formatList(events: readonly InboxEventSummary[]): string {
  const rows = events.map((e) => [e.receivedAt.toISOString(), e.status, String(e.attempts), e.eventType, e.key]);
  const lines = table(['RECEIVED', 'STATUS', 'ATTEMPTS', 'TYPE', 'KEY'], rows).split('\n');
  return (
    [
      lines[0],
      ...events.map((e, i) => `${lines[i + 1]}${e.lastError ? `\n    last error: ${oneLine(e.lastError)}` : ''}`),
    ].join('\n') + '\n'
  );
}

function formatDetail(event: InboxEventDetail, hidden: boolean): string {
  const lines = [
    `key:          ${event.key}`,
    `instance:     ${event.instance}`,
    `provider:     ${event.provider}`,
    `event id:     ${event.eventId}`,
    `type:         ${event.eventType}`,
    `status:       ${event.status}`,
    `attempts:     ${event.attempts}`,
    `received at:  ${event.receivedAt.toISOString()}`,
    event.status === 'pending'
      ? `due at:       ${event.availableAt.toISOString()}`
      : `processed at: ${event.processedAt?.toISOString() ?? '-'}`,
    `last error:   ${event.lastError ? oneLine(event.lastError) : '-'}`,
    `event:        ${JSON.stringify(event.event, null, 2).replaceAll('\n', '\n              ')}`,
  ];
  if (hidden) lines.push('', 'The payload is hidden (it may carry personal data): add --show-payload to print it.');
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

function human(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', HOUR],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
