import { describe, expectTypeOf, it } from 'vitest';
import {
  atelio,
  atomic,
  hmacVerifier,
  standardWebhooksVerifier,
  type AtelioOptions,
  type AtomicOptions,
  type HmacVerifierOptions,
  type RawHeaders,
  type SecretLookupResult,
  type SecretRequest,
  type SecretsOption,
  type StandardWebhooksOptions,
  type TenantSecrets,
} from '../src/index.js';

describe('the per-tenant secrets option', () => {
  it('is the `secrets` option of every HMAC verifier and provider', () => {
    expectTypeOf<SecretsOption>().toEqualTypeOf<string | readonly string[] | TenantSecrets>();
    expectTypeOf<HmacVerifierOptions['secrets']>().toEqualTypeOf<SecretsOption>();
    expectTypeOf<StandardWebhooksOptions['secrets']>().toEqualTypeOf<SecretsOption>();
    expectTypeOf<AtomicOptions['secrets']>().toEqualTypeOf<SecretsOption | undefined>();
    expectTypeOf<AtelioOptions['secrets']>().toEqualTypeOf<SecretsOption | undefined>();
    // The `secret` shorthand stays one fixed secret.
    expectTypeOf<AtomicOptions['secret']>().toEqualTypeOf<string | undefined>();
  });

  it('gives tenant() request metadata only: no body', () => {
    expectTypeOf<Parameters<TenantSecrets['tenant']>[0]>().toEqualTypeOf<SecretRequest>();
    expectTypeOf<SecretRequest>().toEqualTypeOf<{
      readonly method: string;
      readonly headers: RawHeaders;
      readonly url?: string;
    }>();
    expectTypeOf<SecretRequest>().not.toHaveProperty('rawBody');
    expectTypeOf<ReturnType<TenantSecrets['tenant']>>().toEqualTypeOf<string | undefined>();
  });

  it('lets lookup answer sync or async, with one secret, several or none', () => {
    expectTypeOf<SecretLookupResult>().toEqualTypeOf<string | readonly string[] | null | undefined>();
    expectTypeOf<Parameters<TenantSecrets['lookup']>>().toEqualTypeOf<
      [tenant: string, context: { readonly signal: AbortSignal }]
    >();
    const db = new Map<string, string[]>();
    atomic({ secrets: { tenant: ({ url }) => url?.split('/')[2], lookup: (tenant) => db.get(tenant) } });
    atomic({
      secrets: { tenant: ({ headers }) => String(headers['x-tenant']), lookup: async (tenant) => db.get(tenant)?.[0] },
    });
    atelio({ secrets: { tenant: () => 'a', lookup: async () => null, ttl: 0, maxTenants: 10, timeout: 1000 } });
    hmacVerifier({ provider: 'p', header: 'x-sig', secrets: { tenant: () => undefined, lookup: () => [] } });
    standardWebhooksVerifier({
      provider: 'p',
      secrets: { tenant: () => undefined, lookup: () => Promise.resolve(['whsec_x']) },
    });
  });

  it('refuses a lookup of the wrong shape, or a body-reading tenant()', () => {
    // @ts-expect-error: lookup must return secrets, not numbers
    atomic({ secrets: { tenant: () => 'a', lookup: () => 42 } });
    // @ts-expect-error: tenant() gets no body
    atomic({ secrets: { tenant: (request) => String(request.rawBody), lookup: () => undefined } });
    // @ts-expect-error: tenant() is synchronous (it only reads the request's metadata)
    atomic({ secrets: { tenant: async () => 'a', lookup: () => undefined } });
    // @ts-expect-error: lookup is required
    atomic({ secrets: { tenant: () => 'a' } });
  });
});
