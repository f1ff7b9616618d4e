/** The schema every table lives in unless `schema` says otherwise. */
export const DEFAULT_SCHEMA = 'finhooks';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Validates a schema name and returns it double-quoted for SQL. Only lower-case letters, digits and
 * `_` (at most 63, PostgreSQL's limit) are accepted: the name is interpolated into statements, so
 * anything that would need escaping is refused rather than escaped.
 */
export function quoteSchema(schema: string = DEFAULT_SCHEMA): string {
  if (typeof schema !== 'string' || !IDENTIFIER.test(schema)) {
    throw new TypeError(
      `schema must be a PostgreSQL identifier of lower-case letters, digits and _ (at most 63, not starting with a digit), got ${JSON.stringify(String(schema)).slice(0, 80)}.`,
    );
  }
  return `"${schema}"`;
}

export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
