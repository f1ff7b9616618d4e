import type { ProviderName } from './catalogs.js';
import { DEV_SECRETS } from './dev-secrets.js';
import { UsageError } from './errors.js';

export type HmacProviderName = Exclude<ProviderName, 'moneyhub'>;

/** Environment variables the secrets are read from, the same names the examples use. */
export const SECRET_ENV: Readonly<Record<HmacProviderName, string>> = {
  atomic: 'ATOMIC_API_SECRET',
  atelio: 'ATELIO_WEBHOOK_SECRET',
};

export type SecretSource = 'option' | 'env' | 'dev';

export interface SecretOptions {
  readonly secret?: string | undefined;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Fall back to the examples' development secret. */
  readonly dev?: boolean | undefined;
}

/** `--secret`, else the environment, else (with `--dev` only) the development secret; never a silent default. */
export function resolveSecret(
  provider: HmacProviderName,
  options: SecretOptions,
): { secret: string; source: SecretSource } {
  const variable = SECRET_ENV[provider];
  if (options.secret !== undefined) {
    if (options.secret === '') throw new UsageError(`The ${provider} secret given with --secret is empty.`);
    return { secret: options.secret, source: 'option' };
  }
  const fromEnv = (options.env ?? process.env)[variable];
  if (fromEnv) return { secret: fromEnv, source: 'env' };
  if (options.dev) return { secret: DEV_SECRETS[provider], source: 'dev' };
  throw new UsageError(
    `No ${provider} secret: pass --secret <secret>, set ${variable}, or pass --dev to sign with the examples' development secret ("${DEV_SECRETS[provider]}").`,
  );
}
