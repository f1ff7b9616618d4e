/**
 * Serialises a value the way Python's `json.dumps` does by default (`", "` and `": "` separators,
 * non-ASCII escaped): what Atelio's legacy `v1` signature covers. finhooks never verifies v1 (other
 * languages cannot reproduce it reliably); `sign` emits it so test deliveries look like real ones.
 */
export function pythonJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return (JSON.stringify(value) ?? 'null').replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
}
