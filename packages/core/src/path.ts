/**
 * How adapters compare a request's path with the path a webhook is mounted on. One rule for every
 * framework: a single trailing slash does not matter (`/webhooks/atomic/` is `/webhooks/atomic`),
 * as in Express's default non-strict routing. Anything else must match exactly (case included).
 */

/** `path` without one trailing slash (the root `/` stays `/`). */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** The same path up to one trailing slash: `samePath('/webhooks/atomic/', '/webhooks/atomic')` is true. */
export function samePath(requestPath: string, mountPath: string): boolean {
  return requestPath === mountPath || withoutTrailingSlash(requestPath) === withoutTrailingSlash(mountPath);
}

/** The other spelling of `path`: with a trailing slash if it has none, without if it has one; none for `/`. */
export function otherSpelling(path: string): string | undefined {
  if (path === '/' || path === '') return undefined;
  return path.endsWith('/') ? withoutTrailingSlash(path) : `${path}/`;
}

/**
 * Registers one route under both spellings of `path` (with and without one trailing slash), for a
 * router that matches paths exactly. `register` is called with `path`, then with the other spelling.
 * A router set to treat both spellings as one already routes the second to the first and refuses it
 * as a duplicate (Fastify's `ignoreTrailingSlash`: `FST_ERR_DUPLICATED_ROUTE`); that is not an error.
 * Matched by its code, so core needs no import of the framework.
 */
export function registerBothSpellings(path: string, register: (path: string) => void): void {
  register(path);
  const other = otherSpelling(path);
  if (other === undefined) return;
  try {
    register(other);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'FST_ERR_DUPLICATED_ROUTE') throw error;
  }
}
