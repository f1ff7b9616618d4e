/**
 * Configuration from the environment, and from a `.env` file in the working directory when there is
 * one (copy `.env.example`; variables already set win). Each provider's file reads its own secrets
 * with `secretFromEnv`: the development defaults let the app and the `finhooks` CLI (`--dev`) talk
 * to each other out of the box, and the app refuses them when NODE_ENV=production (they are public).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

if (existsSync('.env')) {
  for (const [name, value] of Object.entries(parseEnv(readFileSync('.env', 'utf8')))) process.env[name] ??= value;
}

export const port = Number(process.env.PORT ?? 3000);

/** The PostgreSQL database holding both the inbox and the app's own tables. */
export const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Schema of the app's tables (the ledger…); the finhooks tables (the inbox) live in their own. */
export const appSchema = schemaFromEnv('APP_SCHEMA', 'public');
export const finhooksSchema = schemaFromEnv('FINHOOKS_SCHEMA', 'finhooks');

export function secretFromEnv(name: string, developmentDefault: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production') throw new Error(`${name} must be set in production.`);
  return developmentDefault;
}

function schemaFromEnv(name: string, fallback: string): string {
  const value = process.env[name] || fallback;
  // Schema names go into SQL (search_path, identifiers): plain lower-case names only.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new Error(`${name} must be a lower-case schema name (letters, digits, _).`);
  return value;
}
