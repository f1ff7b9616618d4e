export { type MigrateOptions, type MigrateResult, migrate } from './migrate.js';
export { DEFAULT_SCHEMA } from './schema.js';
export { type PostgresStore, type PostgresStoreOptions, postgresStore } from './store.js';
export { type PostgresInbox, type PostgresInboxOptions, postgresInbox } from './inbox.js';
export { inboxTransaction } from './transaction.js';
export { type InboxErrorContext, type InboxWorker, type InboxWorkerOptions, createInboxWorker } from './worker.js';
export {
  type PurgeAuditOptions,
  type PurgeAuditResult,
  purgeAudit,
  type PurgeInboxOptions,
  purgeInbox,
  type ReplayDeadOptions,
  replayDeadEvents,
} from './maintenance.js';
export {
  type AuditErrorContext,
  type AuditStats,
  DEFAULT_RAW_BODY_RETENTION_MS,
  type PostgresAudit,
  type PostgresAuditOptions,
  postgresAudit,
} from './audit.js';
export {
  type AuditedDelivery,
  getInboxEvent,
  type InboxEventDetail,
  type InboxEventSummary,
  type InboxStatus,
  listDeliveries,
  listInboxEvents,
  type ListDeliveriesOptions,
  type ListInboxOptions,
} from './inspect.js';
