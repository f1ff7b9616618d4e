/**
 * Wildcard patterns: `*` matches any run of characters, including `.` and `-` and the empty run.
 * `card.*`, `card*`, `kyc.*.success`, `deposit-accounts-*` and `*` are all patterns; anything
 * without `*` is an exact event type. The same semantics exist twice: at run time (`compilePattern`)
 * and at the type level (`MatchingTypes`), so a handler's event type is exactly what it will receive.
 */

export type Pattern = string;

/**
 * The longest event type finhooks routes, and the longest pattern it registers. Catalogue types are
 * under 60 characters; the cap keeps routing an attacker-chosen type (Moneyhub's unsigned JSON mode)
 * cheap, and a longer pattern could only match types the pipeline refuses.
 */
export const MAX_EVENT_TYPE_LENGTH = 256;

/** Whether a pattern contains a wildcard. */
export function isWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** Throws a `TypeError` unless `pattern` is a non-empty string of at most `MAX_EVENT_TYPE_LENGTH` characters. */
export function assertPatternSyntax(pattern: unknown): asserts pattern is string {
  if (typeof pattern !== 'string') {
    throw new TypeError(`An event pattern must be a string, got ${pattern === null ? 'null' : typeof pattern}.`);
  }
  if (pattern.length === 0) throw new TypeError('An event pattern cannot be empty; use "*" for every event.');
  if (pattern.length > MAX_EVENT_TYPE_LENGTH) {
    throw new TypeError(
      `The event pattern "${pattern.slice(0, 40)}…" is ${pattern.length} characters long; patterns and event types are at most ${MAX_EVENT_TYPE_LENGTH}.`,
    );
  }
}

/**
 * Compiles a pattern once, at registration, to a predicate over event types that runs in time
 * linear in the type's length (no backtracking regex): the literal before the first `*` must be a
 * prefix, the one after the last `*` a suffix, and the literals in between must occur in order in
 * what is left. Taking each middle literal at its leftmost occurrence is always right for globs
 * whose only operator is `*`: an earlier match leaves at least as much room for the rest.
 */
export function compilePattern(pattern: string): (type: string) => boolean {
  if (pattern === '*') return () => true;
  if (!isWildcard(pattern)) return (type) => type === pattern;
  const literals = pattern.split('*');
  const prefix = literals[0]!;
  const suffix = literals[literals.length - 1]!;
  const middle = literals.slice(1, -1).filter((literal) => literal.length > 0);
  const minLength = literals.reduce((sum, literal) => sum + literal.length, 0);
  return (type) => {
    if (type.length < minLength || !type.startsWith(prefix) || !type.endsWith(suffix)) return false;
    const end = type.length - suffix.length;
    let from = prefix.length;
    for (const literal of middle) {
      const at = type.indexOf(literal, from);
      if (at === -1 || at + literal.length > end) return false;
      from = at + literal.length;
    }
    return true;
  };
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
  MatchesPattern<S, P> extends true
    ? true
    : S extends `${infer _Head}${infer Tail}`
      ? MatchesAfterStar<Tail, P>
      : false;

/** The members of the union `Types` that the pattern `P` matches (`never` when none does). */
export type MatchingTypes<Types extends string, P extends string> = string extends P
  ? Types
  : Types extends unknown
    ? MatchesPattern<Types, P> extends true
      ? Types
      : never
    : never;
