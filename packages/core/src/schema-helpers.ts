import * as z from 'zod';

/**
 * A string with documented known values that stays open to new ones (providers add values, and
 * their docs sometimes disagree, e.g. a capitalised `"Pending"`). The type keeps the known values
 * for autocompletion; the JSON Schema lists them.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<T[number] | (string & {})> {
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodType<T[number] | (string & {})>;
}
