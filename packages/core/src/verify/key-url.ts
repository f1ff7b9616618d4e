/**
 * Where signing keys may be fetched from. Keys decide what is authentic, so they come over HTTPS
 * only; plain HTTP is allowed on loopback (tests, the CLI's local identity server), where no
 * network sits between the two processes.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** Why `url` may not serve keys, or undefined when it may. */
export function keyUrlProblem(url: URL): string | undefined {
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url)) return undefined;
  return 'must be an https: URL (plain http: is allowed on loopback only)';
}

/** Parses a configured key URL, throwing a TypeError that names the option. */
export function keyUrl(owner: string, option: string, value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${owner}: \`${option}\` is not a valid absolute URL.`);
  }
  const problem = keyUrlProblem(url);
  if (problem) throw new TypeError(`${owner}: \`${option}\` ${problem}.`);
  return url;
}

/** The URL as logged: origin and path, never a query string (which could carry a token). */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
