/**
 * Wildcard patterns: `*` matches any run of characters, including `.` and `-` and the empty run.
 * `card.*`, `card*`, `kyc.*.success`, `deposit-accounts-*` and `*` are all patterns; anything
 * without `*` is an exact event type. The same semantics exist twice: at run time (`compilePattern`)
 * and at the type level (`MatchingTypes`), so a handler's event type is exactly what it will receive.
 */

export type Pattern = string;

/** Whether a pattern contains a wildcard. */
export function isWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** Compiles a pattern once, at registration, to a predicate over event types. */
export function compilePattern(pattern: string): (type: string) => boolean {
  if (pattern === '*') return () => true;
  if (!isWildcard(pattern)) return (type) => type === pattern;
  const source = pattern
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (type) => regex.test(type);
}

// ---- type level -------------------------------------------------------------------------------

/** `true` when the literal type `S` matches the wildcard pattern `P`. */
export type MatchesPattern<S extends string, P extends string> = P extends `${infer Literal}*${infer Rest}`
  ? S extends `${Literal}${infer Tail}`
    ? MatchesAfterStar<Tail, Rest>
    : false
  : S extends P
    ? true
    : false;

/** After a `*`: some suffix of `S` (possibly all of it) must match `P`. */
type MatchesAfterStar<S extends string, P extends string> =
  MatchesPattern<S, P> extends true ? true : S extends `${infer _Head}${infer Tail}` ? MatchesAfterStar<Tail, P> : false;

/** The members of the union `Types` that the pattern `P` matches (`never` when none does). */
export type MatchingTypes<Types extends string, P extends string> = string extends P
  ? Types
  : Types extends unknown
    ? MatchesPattern<Types, P> extends true
      ? Types
      : never
    : never;
