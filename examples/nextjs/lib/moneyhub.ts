import { moneyhub, type MoneyhubJwtOptions, type MoneyhubProvider } from '@finhooks/core';

type JsonWebKeySet = NonNullable<MoneyhubJwtOptions['jwks']>;

/**
 * Moneyhub signs every delivery with its OIDC keys. By default they are discovered from
 * `MONEYHUB_ISSUER` (production issuer when unset; `https://identity-dev.moneyhub.co.uk` for the
 * sandbox). `MONEYHUB_JWKS` (a JSON key set) pins the keys instead: tests and local development.
 */
export function moneyhubFromEnv(): MoneyhubProvider {
  return moneyhub({
    issuer: process.env.MONEYHUB_ISSUER || undefined,
    ...audienceFromEnv(process.env.MONEYHUB_CLIENT_ID),
    jwks: parseJwks(process.env.MONEYHUB_JWKS),
  });
}

function parseJwks(json: string | undefined): JsonWebKeySet | undefined {
  if (!json) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('MONEYHUB_JWKS is not valid JSON: give a key set like {"keys":[{...}]}.');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new Error('MONEYHUB_JWKS must be a JSON key set: {"keys":[{...}]}.');
  }
  return parsed as JsonWebKeySet;
}

/**
 * What the token's `aud` must be: your Moneyhub API client id. Required by a production server
 * (`next start`: without it `moneyhub()` refuses to start); while developing, and while `next build`
 * only loads the routes to analyse them, an unset id accepts any audience, so the CLI's `--dev`
 * tokens work before you have a client id.
 */
function audienceFromEnv(clientId: string | undefined): { audience: string } | { allowAnyAudience?: true } {
  if (clientId) return { audience: clientId };
  const serving = process.env.NODE_ENV === 'production' && process.env.NEXT_PHASE !== 'phase-production-build';
  return serving ? {} : { allowAnyAudience: true };
}
