import type { AnyProvider, SignOptions } from './provider.js';

type Body = Record<string, unknown>;

/**
 * What `@finhooks/core/testing` knows of one built-in provider, kept in the provider's own folder
 * (`providers/<name>/testing.ts`) so that `testing.ts` never branches on a provider's name.
 */
export interface ProviderTesting {
  /** The provider's `name`, the key `testing.ts` finds this kit under. */
  readonly name: string;
  /** A sample body per catalogue type (from the documentation where it has one). */
  readonly samples: Readonly<Record<string, Readonly<Body>>>;
  /** The smallest body the provider could send for `type`, for a type without a sample. */
  minimalBody(type: string): Body;
  /**
   * What signing needs beyond the provider's own options (Moneyhub's JWT mode: a private key); the
   * options are returned unchanged when nothing is missing.
   */
  signOptions?(provider: AnyProvider, options: SignOptions | undefined): Promise<SignOptions | undefined>;
}
