import * as z from 'zod';
import type { AnyProvider } from './provider.js';

/**
 * The JSON Schema (draft 2020-12) of an event type's body, from its zod schema: for documentation,
 * contract tests, or `finhooks schema <provider> <event>`. Undefined for a type outside the catalogue.
 */
export function eventJsonSchema(
  provider: Pick<AnyProvider, 'catalog'>,
  type: string,
): Record<string, unknown> | undefined {
  if (!Object.hasOwn(provider.catalog, type)) return undefined;
  return z.toJSONSchema(provider.catalog[type]!) as Record<string, unknown>;
}
