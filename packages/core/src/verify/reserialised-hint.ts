import { asBuffer } from '../request.js';

/**
 * A hint for a failed signature: when the body is exactly what `JSON.stringify(JSON.parse(body))`
 * produces, it may have been parsed and re-serialised by a body parser before it reached finhooks.
 * Only computed on the failure path.
 */
export function reserialisedHint(rawBody: Uint8Array): string {
  const text = asBuffer(rawBody).toString('utf8');
  try {
    if (text.length > 0 && JSON.stringify(JSON.parse(text)) === text) {
      return ' If a body parser ran before finhooks: this body is compact JSON as JSON.stringify writes it, so it may have been re-serialised, and only the bytes the provider sent verify.';
    }
  } catch {
    // Not JSON: nothing to hint.
  }
  return '';
}
