import pg from 'pg';
import { appSchema, databaseUrl } from '../config.js';

/**
 * The app's one pool, shared by the inbox (web process) or the worker, and the app's own queries.
 * `search_path` is the app's schema, so handlers name the app's tables unqualified.
 */
export const pool = new pg.Pool({
  connectionString: databaseUrl,
  options: `-c search_path=${appSchema}`,
  max: 10,
  // A database that does not answer fails fast (a 503 for the provider, a clear error at start).
  connectionTimeoutMillis: 5_000,
});

// An idle client whose connection drops emits 'error' on the pool: the pool discards it and makes
// a new one on demand. Without a listener the process would crash.
pool.on('error', (error) => console.error(`[db] idle connection lost: ${error.message}`));
