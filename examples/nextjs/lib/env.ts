const BUILDING = process.env.NEXT_PHASE === 'phase-production-build';

/**
 * A webhook secret from the environment. The development default is public (it is in the source),
 * so a production server (`next start`) refuses to use it; `next build` may, since it only loads
 * the routes to analyse them.
 */
export function secretFromEnv(name: string, developmentDefault: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production' && !BUILDING) {
    throw new Error(
      `${name} is not set: set it to the secret from the provider's console (the development default is refused in production).`,
    );
  }
  return developmentDefault;
}
