/**
 * Event names are checked when a handler is registered, against the provider's catalogue: a
 * misspelled type (`'card.craeted'`) or a wildcard that matches nothing (`'crad.*'`) is a compile
 * error and, at run time, a `TypeError` with the closest catalogue names — never a handler that
 * silently never runs. A type the provider sends before the catalogue lists it is registered
 * explicitly, with the `unknown:` prefix: `onEvent('unknown:card.frozen', handler)`.
 */
import { UNTYPED_EVENT } from './event.js';
import { assertPatternSyntax, compilePattern, isWildcard, type MatchingTypes } from './pattern.js';
import type { AnyProvider, EventType, ProviderName } from './provider.js';
import { didYouMean, suggestionText } from './suggest.js';

/**
 * The escape hatch: `'unknown:<type or pattern>'` registers a type without checking it against
 * the catalogue. Its handler gets what the type really is: an `UnknownWebhookEvent` while the
 * catalogue does not list it, the typed event once a release adds it (then drop the prefix).
 */
export const UNKNOWN_EVENT_PREFIX = 'unknown:';

/** A pattern registered through the escape hatch. */
export type UnknownEventPattern<T extends string = string> = `${typeof UNKNOWN_EVENT_PREFIX}${T}`;

// ---- run time ---------------------------------------------------------------------------------

/**
 * The registration check for one provider: returns the pattern to route on (without the
 * `unknown:` prefix), or throws a `TypeError` naming the pattern and the closest catalogue names.
 * Accepted: a catalogue type, `*`, the untyped `'unknown'`, a wildcard that matches at least one
 * catalogue type, anything after `unknown:`.
 */
export function eventNameChecker(provider: string, catalogTypes: readonly string[]): (pattern: unknown) => string {
  const known = new Set(catalogTypes);
  return (pattern) => {
    assertPatternSyntax(pattern);
    if (pattern.startsWith(UNKNOWN_EVENT_PREFIX)) {
      const type = pattern.slice(UNKNOWN_EVENT_PREFIX.length);
      if (type.length === 0) {
        throw new TypeError(`"${UNKNOWN_EVENT_PREFIX}" must be followed by the event type (or pattern) to register.`);
      }
      return type;
    }
    if (pattern === '*' || pattern === UNTYPED_EVENT || known.has(pattern)) return pattern;
    if (isWildcard(pattern) && catalogTypes.some(compilePattern(pattern))) return pattern;
    throw new TypeError(unknownPatternMessage(provider, pattern, catalogTypes));
  };
}

function unknownPatternMessage(provider: string, pattern: string, catalogTypes: readonly string[]): string {
  const wildcard = isWildcard(pattern);
  const suggestions = didYouMean(pattern, wildcard ? [...catalogTypes, ...wildcardsOf(catalogTypes)] : catalogTypes);
  return (
    `No ${provider} event type ${wildcard ? 'matches' : 'is named'} "${pattern}", so its handler would never run.` +
    suggestionText(suggestions) +
    ` If ${provider} sends a type this catalogue does not list yet, register it as "${UNKNOWN_EVENT_PREFIX}${pattern}".`
  );
}

/** Wildcards a developer may have meant: each type cut at a word boundary, `card.*`, `*-synced`, `*Transactions`. */
function wildcardsOf(types: readonly string[]): string[] {
  const wildcards = new Set<string>();
  for (const type of types) {
    for (let i = 1; i < type.length; i++) {
      const char = type[i]!;
      if (char === '.' || char === '-' || char === '_') {
        wildcards.add(`${type.slice(0, i + 1)}*`);
        wildcards.add(`*${type.slice(i)}`);
      } else if (char >= 'A' && char <= 'Z') {
        wildcards.add(`${type.slice(0, i)}*`);
        wildcards.add(`*${type.slice(i)}`);
      }
    }
  }
  return [...wildcards];
}

// ---- type level -------------------------------------------------------------------------------

/** Whether the literal pattern `T` is accepted for provider `P` (the run-time check, at compile time). */
type IsAcceptedPattern<P extends AnyProvider, T extends string> = string extends T
  ? true // not a literal: checked at run time only
  : T extends EventType<P> | '*' | typeof UNTYPED_EVENT
    ? true
    : T extends UnknownEventPattern<infer Type>
      ? Type extends ''
        ? false
        : true
      : T extends `${string}*${string}`
        ? [MatchingTypes<EventType<P>, T>] extends [never]
          ? false
          : true
        : false;

/** The compile error a rejected pattern shows: what is wrong and how to register a type the catalogue lacks. */
export type UnknownPatternError<
  P extends AnyProvider,
  T extends string,
> = `No ${ProviderName<P>} event type matches "${T}". Use a catalogue type, or register a type the catalogue does not list yet as "${UnknownEventPattern<T>}".`;

/**
 * `T` itself when it is an accepted pattern for `P`, else the error message type (so passing it is a
 * compile error that says why). Distributes over a union of patterns.
 */
export type CheckedPattern<P extends AnyProvider, T extends string> = T extends unknown
  ? IsAcceptedPattern<P, T> extends true
    ? T
    : UnknownPatternError<P, T>
  : never;
