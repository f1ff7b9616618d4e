/**
 * Secrets from `ConfigService` (the environment, and a `.env` file in the working directory when
 * there is one: copy `.env.example`; variables already set win). The development defaults let the
 * app and the `finhooks` CLI (`--dev`) talk to each other out of the box; the app refuses them when
 * NODE_ENV=production (they are public).
 */
import type { ConfigService } from '@nestjs/config';

export function secretFromEnv(config: ConfigService, name: string, developmentDefault: string): string {
  const value = config.get<string>(name);
  if (value) return value;
  if (config.get<string>('NODE_ENV') === 'production') throw new Error(`${name} must be set in production.`);
  return developmentDefault;
}
