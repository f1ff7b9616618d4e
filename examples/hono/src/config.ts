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

export function secretFromEnv(name: string, developmentDefault: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production') throw new Error(`${name} must be set in production.`);
  return developmentDefault;
}
