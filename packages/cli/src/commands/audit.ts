import { Command, Option } from 'commander';
import type { AuditedDelivery } from '@finhooks/postgres';
import { type DatabaseFlags, duration, table, withDatabase, withDatabaseOptions, writer } from '../database.js';
import { type ListFlags, listAction } from '../list-command.js';

interface AuditListFlags extends ListFlags {
  readonly instance?: string;
  readonly eventId?: string;
  readonly outcome?: AuditedDelivery['outcome'];
}

const OUTCOMES: readonly AuditedDelivery['outcome'][] = ['accepted', 'duplicate', 'refused', 'failed'];

/** `finhooks audit list|purge`: the audit trail written by `postgresAudit` (never a raw body). */
export function auditCommand(): Command {
  const audit = withDatabaseOptions(
    new Command('audit').description(
      'Read and purge the audit trail of deliveries (postgresAudit, @finhooks/postgres)',
    ),
  ).addHelpText(
    'after',
    `
Examples:
  $ finhooks audit list                                  # the newest 50 deliveries
  $ finhooks audit list --outcome refused --instance atelio --json
  $ finhooks audit list --event-id 'entity-sha256:9f2c…'  # every delivery of one event
  $ finhooks audit purge --retention 400d                # expired raw bodies, and rows older than 400 days`,
  );

  listAction<AuditListFlags, AuditedDelivery>(
    audit
      .command('list')
      .description(
        'List deliveries, newest first: time, instance, status, outcome, verification, code, attempt, latency',
      )
      .option('--instance <name>', "only this instance's deliveries")
      .option('--event-id <id>', "only this event's deliveries")
      .addOption(new Option('--outcome <outcome>', 'only deliveries with this outcome').choices(OUTCOMES)),
    {
      noun: 'deliveries',
      fetch: ({ listDeliveries }, pool, flags) =>
        listDeliveries(pool, {
          schema: flags.schema,
          limit: flags.limit,
          ...(flags.instance && { instance: flags.instance }),
          ...(flags.eventId && { eventId: flags.eventId }),
          ...(flags.outcome && { outcome: flags.outcome }),
        }),
      empty: (flags) => `No deliveries recorded in schema "${flags.schema}".`,
      format: (deliveries) =>
        table(
          ['RECEIVED', 'INSTANCE', 'STATUS', 'OUTCOME', 'SIGNATURE', 'CODE', 'ATTEMPT', 'MS', 'TYPE', 'EVENT ID'],
          deliveries.map((d) => [
            d.receivedAt.toISOString(),
            d.instance,
            String(d.status),
            d.outcome,
            d.verification,
            d.errorCode ?? '-',
            d.attempt === null ? '-' : String(d.attempt),
            String(d.latencyMs),
            d.eventType ?? '-',
            d.eventId ?? '-',
          ]),
        ),
    },
  );

  audit
    .command('purge')
    .description('Clear the raw bodies past their retention; with --retention, delete older deliveries too')
    .option('--retention <duration>', 'delete deliveries received longer ago than this (400d, 72h…)', duration)
    .action(async (_flags: unknown, command: Command) => {
      const flags = command.optsWithGlobals<DatabaseFlags & { retention?: number }>();
      const { rawBodies, deliveries } = await withDatabase(flags, ({ purgeAudit }, pool) =>
        purgeAudit(pool, {
          schema: flags.schema,
          ...(flags.retention !== undefined && { retention: flags.retention }),
        }),
      );
      writer(command)(
        `Cleared ${rawBodies} expired raw bod${rawBodies === 1 ? 'y' : 'ies'}; deleted ${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'}.\n`,
      );
    });

  return audit;
}
