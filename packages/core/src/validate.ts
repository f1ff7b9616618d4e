import type * as z from 'zod';
import { type SchemaIssue, SchemaValidationError } from './errors.js';
import type { WebhookEvent } from './event.js';
import { plainCheckOf } from './plain-check.js';
import type { AnyProvider, EventIdentity } from './provider.js';

/**
 * Validates a decoded body against the schema of its type and builds the event. A known type
 * that does not match is refused (400); a type outside the catalogue passes as `known: false`.
 * `Object.hasOwn` keeps types like `constructor` or `__proto__` from reaching the prototype.
 */
export function validateEvent(
  provider: AnyProvider,
  identity: EventIdentity,
  body: unknown,
  receivedAt: Date,
  instance: string = provider.name,
): WebhookEvent {
  const { type, id, occurredAt } = identity;
  const schema: z.ZodType | undefined = Object.hasOwn(provider.catalog, type) ? provider.catalog[type] : undefined;
  let payload = body;
  // Certainly valid by the schema's plain predicate: the body is the payload zod would copy (plain-check.ts).
  if (schema && !plainCheckOf(schema)?.(body)) {
    const result = schema.safeParse(body);
    if (!result.success) throw new SchemaValidationError(provider.name, type, describeIssues(result.error.issues));
    payload = result.data;
  }
  return {
    provider: provider.name,
    instance,
    id,
    type,
    ...(occurredAt !== undefined && { occurredAt }),
    receivedAt,
    payload,
    known: schema !== undefined,
  };
}

/**
 * Describes zod issues by path and expectation only. zod's own messages can quote received
 * values in some cases; these never do.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): SchemaIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issueMessage(issue),
  }));
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any documented shape';
    case 'too_small':
    case 'too_big':
      return `${issue.code === 'too_small' ? 'below' : 'above'} the documented ${issue.origin} bound`;
    case 'invalid_format':
      return `expected ${issue.format} format`;
    case 'unrecognized_keys':
      return `unexpected keys`;
    default:
      return issue.code.replaceAll('_', ' ');
  }
}
