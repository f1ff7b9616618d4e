/** Bytes read at each end of the body: the hint's cost is bounded whatever the body's size. */
export const HINT_SCAN_BYTES = 4096;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A hint for a failed signature: when the body looks like what `JSON.stringify` writes (a JSON
 * object or array with no whitespace between tokens), it may have been parsed and re-serialised by
 * a body parser before it reached finhooks. Only computed on the failure path.
 *
 * The request is unauthenticated, so this must cost little for any body: it reads at most the first
 * `HINT_SCAN_BYTES` bytes (and the last byte), never parses. Pretty-printed JSON and Python's
 * `json.dumps` style (`", "`, `": "`) give themselves away in their first bytes; a body that is
 * compact only in its first 4 KiB still gets the hint, which only says "may".
 */
export function reserialisedHint(rawBody: Uint8Array): string {
  return looksLikeJsonStringifyOutput(rawBody)
    ? ' If a body parser ran before finhooks: this body is compact JSON as JSON.stringify writes it, so it may have been re-serialised, and only the bytes the provider sent verify.'
    : '';
}

/** True when the body opens like compact JSON: `{`/`[`, no whitespace or raw control byte in the scanned prefix. */
export function looksLikeJsonStringifyOutput(body: Uint8Array): boolean {
  const length = body.byteLength;
  if (length < 2) return false;
  const first = body[0];
  const last = body[length - 1];
  if (!((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d))) return false;
  const end = Math.min(length, HINT_SCAN_BYTES);
  let inString = false;
  for (let i = 1; i < end; i++) {
    const byte = body[i]!;
    if (byte < 0x20) return false; // JSON.stringify escapes control characters and adds no line breaks
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === 0x20) {
      return false; // a space between tokens: not JSON.stringify's output
    }
  }
  return true;
}
