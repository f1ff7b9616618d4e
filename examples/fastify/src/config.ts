/**
 * Secrets come from the environment. The development defaults let the app and the `finhooks` CLI
 * (`--dev`) talk to each other out of the box; the app refuses them when NODE_ENV=production.
 */
const DEV_DEFAULTS = {
  ATOMIC_API_SECRET: 'dev-atomic-secret',
  ATELIO_WEBHOOK_SECRET: 'whsec_dev_atelio_secret',
} as const;

function secret(name: keyof typeof DEV_DEFAULTS): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.NODE_ENV === 'production') throw new Error(`${name} must be set in production.`);
  return DEV_DEFAULTS[name];
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  atomicSecret: secret('ATOMIC_API_SECRET'),
  atelioSecret: secret('ATELIO_WEBHOOK_SECRET'),
  /** Moneyhub signs with keys found by OIDC discovery under this issuer (sandbox: https://identity-dev.moneyhub.co.uk). */
  moneyhubIssuer: process.env.MONEYHUB_ISSUER ?? 'https://identity.moneyhub.co.uk',
  /** Your Moneyhub API client id, checked against the JWT's `aud` when set. */
  moneyhubAudience: process.env.MONEYHUB_AUDIENCE || undefined,
};
