/**
 * Configuration from the environment. Each provider's file reads its own secrets with `secretFromEnv`:
 * the development defaults let the app and the `finhooks` CLI (`--dev`) talk to each other out of
 * the box, and the app refuses them when NODE_ENV=production (they are public).
 */
export const port = Number(process.env.PORT ?? 3000);

export function secretFromEnv(name: string, developmentDefault: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production') throw new Error(`${name} must be set in production.`);
  return developmentDefault;
}
