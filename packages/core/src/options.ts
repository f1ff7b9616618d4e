/**
 * Start-up checks of options. A setting that silently switches a check off (`tolerance: NaN`
 * compares false against everything, so no timestamp is ever too old) must stop the process at
 * construction instead. Errors are `TypeError`s naming the option and the constraint; they never
 * quote the value of a secret.
 */

/** `value` (seconds, ms, bytes…) is a finite number ≥ 0, or ≥ `min` when given. `undefined` passes (the default applies). */
export function assertDuration(owner: string, name: string, value: unknown, unit: string, min = 0): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(
      `${owner}: \`${name}\` must be a finite number of ${unit}${min === 0 ? ' (0 or more)' : ` of at least ${min}`}, got ${describe(value)}.`,
    );
  }
}

/** `value` is an integer ≥ 1 (a count, a byte limit). `undefined` passes. */
export function assertPositiveInteger(owner: string, name: string, value: unknown, unit: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${owner}: \`${name}\` must be a positive integer number of ${unit}, got ${describe(value)}.`);
  }
}

/** Describes a non-secret option value for an error message: numbers as is, other types by type. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** Normalises `secret | secrets` into a non-empty list of strings, each passing `check` (which names the problem). */
export function secretList(
  owner: string,
  secrets: unknown,
  check: (secret: string) => string | undefined = plainSecretProblem,
): readonly string[] {
  const list: unknown[] = typeof secrets === 'string' ? [secrets] : Array.isArray(secrets) ? secrets : [];
  if (secrets !== undefined && typeof secrets !== 'string' && !Array.isArray(secrets)) {
    throw new TypeError(
      `${owner}: the signing secret(s) must be a string or an array of strings, got a ${typeof secrets}.`,
    );
  }
  if (list.length === 0) throw new TypeError(`${owner}: at least one signing secret is required.`);
  const problem = secretsProblem(list, check);
  if (problem) throw new TypeError(`${owner}: ${problem}.`);
  return Object.freeze(list as string[]);
}

/**
 * What is wrong with the first bad secret of a list, e.g. `signing secret #2 is shorter than 16
 * bytes`; undefined when all pass. Shared by start-up checks and per-tenant lookups (verify/secret-source.ts).
 */
export function secretsProblem(
  list: readonly unknown[],
  check: (secret: string) => string | undefined,
): string | undefined {
  for (let index = 0; index < list.length; index++) {
    const secret = list[index];
    const which = list.length === 1 ? 'the signing secret' : `signing secret #${index + 1}`;
    if (typeof secret !== 'string')
      return `${which} must be a string, got a ${secret === null ? 'null' : typeof secret}`;
    const problem = check(secret);
    // The secret itself is never quoted: only which one and what is wrong with it.
    if (problem) return `${which} ${problem}`;
  }
  return undefined;
}

/**
 * Shortest accepted HMAC secret, bytes. Providers' secrets are long random strings; a short one is
 * a placeholder or a truncation, and brute-forcing the HMAC key becomes realistic below ~128 bits.
 */
export const MIN_SECRET_BYTES = 16;

/** A secret used as is (UTF-8 bytes): not blank, no surrounding whitespace, at least 16 bytes. */
export function plainSecretProblem(secret: string): string | undefined {
  if (secret.trim().length === 0) return 'is empty or only whitespace';
  if (secret.trim() !== secret) return 'has leading or trailing whitespace (a copy-paste accident?)';
  if (new TextEncoder().encode(secret).byteLength < MIN_SECRET_BYTES)
    return `is shorter than ${MIN_SECRET_BYTES} bytes`;
  return undefined;
}

/** The `provider` name used in messages: a non-empty string, else a TypeError naming `where`. */
export function ownerName(where: string, provider: unknown): string {
  if (typeof provider !== 'string' || provider.trim() === '') {
    throw new TypeError(`${where}: \`provider\` must be a non-empty string (it names the provider in messages).`);
  }
  return provider;
}

const DIGEST_ENCODINGS = ['hex', 'base64'] as const;

/** `encodings`: a non-empty list of 'hex' and/or 'base64'; default both, hex first. */
export function digestEncodings(owner: string, encodings: unknown): readonly ('hex' | 'base64')[] {
  if (encodings === undefined) return DIGEST_ENCODINGS;
  if (
    !Array.isArray(encodings) ||
    encodings.length === 0 ||
    encodings.some((e) => !(DIGEST_ENCODINGS as readonly unknown[]).includes(e))
  ) {
    throw new TypeError(`${owner}: \`encodings\` must be a non-empty array of "hex" and/or "base64".`);
  }
  return encodings as ('hex' | 'base64')[];
}

/** `secrets` or its shorthand `secret`, not both (which one would win is a guess). */
export function secretsOption(
  owner: string,
  options: { readonly secrets?: unknown; readonly secret?: unknown } | undefined,
): unknown {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${owner}: options are required ({ secret } or { secrets }).`);
  if (options.secrets !== undefined && options.secret !== undefined) {
    throw new TypeError(`${owner}: give \`secret\` or \`secrets\`, not both.`);
  }
  return options.secrets ?? options.secret;
}
