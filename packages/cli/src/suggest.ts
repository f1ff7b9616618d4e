// A copy of @finhooks/core's src/suggest.ts, so the CLI suggests exactly as createWebhooks' errors do.
// Not imported: it is no part of core's API, and a subpath export only to share these lines with our
// own CLI would make them public, bound by semver. test/api.test.ts fails when the copies differ.

/** Levenshtein distance, two rows: fine for names and event types. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates a mistyped `input` probably meant: the closest by edit distance (case-insensitive),
 * then those containing it (`card` → `card.created`), at most `limit`.
 */
export function didYouMean(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const tolerance = Math.max(2, Math.floor(needle.length / 3));
  const close = candidates
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= tolerance)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .map(({ candidate }) => candidate);
  const containing =
    needle.length >= 3 ? candidates.filter((c) => !close.includes(c) && c.toLowerCase().includes(needle)) : [];
  return [...close, ...containing].slice(0, limit);
}

/** ` Did you mean "a" or "b"?`, or an empty string. */
export function suggestionText(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `"${s}"`);
  const last = quoted.pop()!;
  return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}
