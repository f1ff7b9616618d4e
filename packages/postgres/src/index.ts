export { type MigrateOptions, type MigrateResult, migrate } from './migrate.js';
export { DEFAULT_SCHEMA } from './schema.js';
export { type PostgresStore, type PostgresStoreOptions, postgresStore } from './store.js';
export { type PostgresInbox, type PostgresInboxOptions, postgresInbox } from './inbox.js';
export { inboxTransaction } from './transaction.js';
export { type InboxErrorContext, type InboxWorker, type InboxWorkerOptions, createInboxWorker } from './worker.js';
export { type PurgeInboxOptions, purgeInbox, type ReplayDeadOptions, replayDeadEvents } from './maintenance.js';
