/**
 * Numbers `JSON.parse` cannot keep. A JSON number is a decimal of any length; a JavaScript number is
 * a double, so `9007199254740993.01` is read as `9007199254740994` and `1e-400` as `0`, without an
 * error. For amounts (Atomic's `amount`, `netAmount`, `distributionAmount`…) that is money changed
 * silently, so finhooks refuses such a body (400) instead of handing a different value to handlers.
 *
 * Any decimal of at most 15 characters without an exponent survives the round trip, so only longer
 * number tokens, or ones with an exponent, are examined, by comparing their decimal value with
 * the decimal value of the double they became. Node 20 has no `JSON.parse` source access (the
 * reviver's `context.source` is Node 21+), hence this scan over the raw text: one regular
 * expression, linear in the body's length, run only after the signature was verified.
 */

/** Strings are matched whole (so digits inside them are skipped), then numbers. */
const STRING_OR_NUMBER = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d[\d.eE+-]*/g;

/** Short plain decimals (≤ 15 characters, no exponent) always survive; longer ones or exponents may not. */
const mayBeInexact = (token: string) => token.length > 15 || token.includes('e') || token.includes('E');

/** A decimal's value as `digits × 10^exponent`, without leading or trailing zeros: equal values, equal strings. */
function canonicalDecimal(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return `invalid:${text}`;
  const [, sign, integer = '', fraction = '', exponentText = '0'] = match;
  let digits = `${integer}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  let exponent = BigInt(exponentText) - BigInt(fraction.length);
  const trimmed = digits.replace(/0+$/, '');
  exponent += BigInt(digits.length - trimmed.length);
  digits = trimmed;
  return `${sign}${digits}e${exponent}`;
}

/** Whether the JSON number `token` is exactly the double `JSON.parse` makes of it. */
export function numberIsExact(token: string): boolean {
  const value = Number(token);
  if (!Number.isFinite(value)) return false;
  const canonical = canonicalDecimal(token);
  if (canonical === canonicalDecimal(String(value))) return true;
  // An integer past 2^53 can be exactly a double (2^80) that prints shorter than its digits
  // (1.2089258196146292e+24): compare the integers themselves.
  return Number.isInteger(value) && integerOf(canonical) === BigInt(value);
}

/** `digits × 10^exponent` as a bigint when it is an integer a double could hold (≤ 309 digits), else undefined. */
function integerOf(canonical: string): bigint | undefined {
  const [digits = '', exponentText = '0'] = canonical.split('e');
  const exponent = Number(exponentText);
  if (!/^-?\d+$/.test(digits) || exponent < 0 || digits.length + exponent > 309) return undefined;
  return BigInt(digits) * 10n ** BigInt(exponent);
}

/**
 * Cheap pre-check: a JSON value follows `:`, `,` or `[`; a candidate is one of 16+ digits and dots,
 * or with an exponent. Text inside strings can match too (rarely): the exact scan then decides.
 */
const CANDIDATE = /[:,[]\s*-?\d(?:[\d.]{15}|[\d.]*[eE])/;

/**
 * Whether a parsed JSON value holds a number anywhere. A body without one has no number token to
 * check: the text scan below (~1 µs per KB, a regex over every character) is skipped, which is the
 * common case for providers that send amounts as strings (Atelio). Iterative, so a deeply nested
 * body cannot overflow the stack; linear in the values `JSON.parse` made.
 */
export function containsNumber(root: unknown): boolean {
  if (typeof root === 'number') return true;
  if (typeof root !== 'object' || root === null) return false;
  const pending: object[] = [root];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'number') return true;
        if (typeof item === 'object' && item !== null) pending.push(item);
      }
    } else {
      // for…in on a parsed object: its own keys (`__proto__` included, as a plain key).
      for (const key in value) {
        const item: unknown = (value as Record<string, unknown>)[key];
        if (typeof item === 'number') return true;
        if (typeof item === 'object' && item !== null) pending.push(item);
      }
    }
  }
  return false;
}

/** Offset of the first number in valid JSON `text` that `JSON.parse` does not keep exactly, if any. */
export function findInexactNumber(text: string): number | undefined {
  if (!CANDIDATE.test(text)) return undefined;
  STRING_OR_NUMBER.lastIndex = 0;
  for (let match = STRING_OR_NUMBER.exec(text); match; match = STRING_OR_NUMBER.exec(text)) {
    const token = match[0];
    if (token.charCodeAt(0) !== 0x22 /* " */ && mayBeInexact(token) && !numberIsExact(token)) return match.index;
  }
  return undefined;
}

/** A path in an error message stays readable: its end (the field itself) is kept. */
const MAX_PATH_LENGTH = 200;

const TOKEN = /\s*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}[\],:])|(-?\d[\d.eE+-]*|true|false|null))/y;

type Frame =
  | { readonly kind: 'object'; key: string | undefined; expectingKey: boolean }
  | { readonly kind: 'array'; index: number };

/**
 * The path (`data.statements[0].amount`) of the value starting at `offset` in valid JSON `text`:
 * field names and indexes only, never a value. Called once, for the refused number.
 */
export function jsonPathAt(text: string, offset: number): string {
  const stack: Frame[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const start = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? '').length;
    const top = stack[stack.length - 1];
    if (start >= offset) break;
    if (match[1] !== undefined && top?.kind === 'object' && top.expectingKey) {
      top.key = JSON.parse(match[1]) as string;
      top.expectingKey = false;
    } else if (match[2] === '{') stack.push({ kind: 'object', key: undefined, expectingKey: true });
    else if (match[2] === '[') stack.push({ kind: 'array', index: 0 });
    else if (match[2] === '}' || match[2] === ']') stack.pop();
    else if (match[2] === ',' && top) {
      if (top.kind === 'array') top.index += 1;
      else top.expectingKey = true;
    }
  }
  let path = '';
  for (const frame of stack) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== undefined)
      path += /^[A-Za-z_$][\w$]*$/.test(frame.key)
        ? `${path ? '.' : ''}${frame.key}`
        : `[${JSON.stringify(frame.key)}]`;
  }
  if (path.length > MAX_PATH_LENGTH) path = `…${path.slice(-MAX_PATH_LENGTH)}`;
  return path || '(root)';
}
