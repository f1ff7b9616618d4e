/** `npm run db:migrate`: the tables, from a deploy step (the server and the worker also migrate at start). */
import { appSchema, finhooksSchema } from './config.js';
import { migrateAll } from './db/migrate.js';
import { pool } from './db/pool.js';

try {
  const { applied } = await migrateAll(pool);
  console.log(`finhooks tables in "${finhooksSchema}" up to date; app tables in "${appSchema}": ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}.`);
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
