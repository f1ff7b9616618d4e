/** One change to the app's own tables; applied once, in list order, recorded in `app_migrations`. */
export interface AppMigration {
  /** Never change it once deployed: it is how a database remembers the migration was applied. */
  readonly id: string;
  readonly sql: string;
}
