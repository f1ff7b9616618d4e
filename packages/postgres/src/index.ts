export { type MigrateOptions, type MigrateResult, migrate } from './migrate.js';
export { DEFAULT_SCHEMA } from './schema.js';
export { type PostgresStore, type PostgresStoreOptions, postgresStore } from './store.js';
