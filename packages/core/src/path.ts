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
