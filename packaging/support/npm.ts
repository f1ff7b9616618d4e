/**
 * npm, as a packaging test runs it: in a temporary project outside the workspace, with the
 * certificate and proxy settings this machine's npm would use passed explicitly, a deadline shorter
 * than the vitest hook around it, and npm's own error when it fails.
 *
 * Why explicit: the temporary project sees only the user's and the global npmrc, and "global" is
 * relative to npm's prefix. On a machine where the CA bundle is configured in one npm's global npmrc
 * (e.g. `/usr/etc/npmrc`) and the `npm` on PATH has another prefix (nvm, volta, corepack), the child
 * would not trust a TLS-intercepting proxy and fail with SELF_SIGNED_CERT_IN_CHAIN. So the settings
 * are read once, here, and handed to every child npm on its command line.
 */
import { existsSync } from 'node:fs';
import { run, type RunOptions, type RunResult } from './process.js';

/** What a child npm needs to reach the registry from this machine. */
export interface NpmNetworkSettings {
  /** CA bundle file (`--cafile`): npm's own `cafile`, else `SSL_CERT_FILE`. */
  readonly cafile?: string;
  readonly proxy?: string;
  readonly httpsProxy?: string;
  readonly noproxy?: string;
  readonly registry?: string;
  readonly strictSsl?: boolean;
}

/** Deadline of one `npm install`: well under the 300 s `hookTimeout` of packaging/vitest.config.ts. */
export const NPM_INSTALL_TIMEOUT_MS = 240_000;

const UNSET = new Set(['', 'null', 'undefined']);
const value = (raw: string | undefined): string | undefined => (raw === undefined || UNSET.has(raw.trim()) ? undefined : raw.trim());

/** Parses `npm config get a b c` output (`a=…` lines). */
export function parseConfigLines(stdout: string): Map<string, string | undefined> {
  const entries = new Map<string, string | undefined>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) entries.set(line.slice(0, at).trim(), value(line.slice(at + 1)));
  }
  return entries;
}

/**
 * The settings a child npm gets: npm's own (`config`, from `npm config get`), completed from the
 * environment the way curl and OpenSSL read it (`SSL_CERT_FILE`, `HTTPS_PROXY`, `HTTP_PROXY`,
 * `NO_PROXY`). `NODE_EXTRA_CA_CERTS` needs nothing: the child inherits it and Node adds it itself.
 */
export function resolveNpmNetworkSettings(
  config: ReadonlyMap<string, string | undefined>,
  env: NodeJS.ProcessEnv,
  fileExists: (path: string) => boolean = existsSync,
): NpmNetworkSettings {
  const certFile = value(env.SSL_CERT_FILE);
  return {
    // An inline `ca` in the user's npmrc is read by the child too; a cafile would replace it.
    cafile: config.get('cafile') ?? (config.get('ca') || !certFile || !fileExists(certFile) ? undefined : certFile),
    proxy: config.get('proxy') ?? value(env.HTTP_PROXY ?? env.http_proxy),
    httpsProxy: config.get('https-proxy') ?? value(env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy),
    noproxy: config.get('noproxy') ?? value(env.NO_PROXY ?? env.no_proxy),
    registry: config.get('registry'),
    strictSsl: config.get('strict-ssl') === 'false' ? false : undefined,
  };
}

let settings: Promise<NpmNetworkSettings> | undefined;

/** This machine's settings (`npm config get`, run once per test process, plus the environment). */
export function npmNetworkSettings(): Promise<NpmNetworkSettings> {
  settings ??= run('npm', ['config', 'get', 'cafile', 'ca', 'proxy', 'https-proxy', 'noproxy', 'registry', 'strict-ssl'], {
    cwd: process.cwd(),
    timeoutMs: 30_000,
  }).then(({ stdout }) => resolveNpmNetworkSettings(parseConfigLines(stdout), process.env));
  return settings;
}

/** The settings as npm command-line flags. */
export function npmNetworkArgs(settings: NpmNetworkSettings): string[] {
  const args: string[] = [];
  if (settings.cafile) args.push(`--cafile=${settings.cafile}`);
  if (settings.proxy) args.push(`--proxy=${settings.proxy}`);
  if (settings.httpsProxy) args.push(`--https-proxy=${settings.httpsProxy}`);
  if (settings.noproxy) args.push(`--noproxy=${settings.noproxy}`);
  if (settings.registry) args.push(`--registry=${settings.registry}`);
  if (settings.strictSsl === false) args.push('--strict-ssl=false');
  return args;
}

/**
 * The environment of a child npm: this one without the `npm_config_*` / `npm_package_*` variables
 * that `pnpm test` sets for the workspace (they would configure the child as a pnpm workspace member).
 * `NPM_CONFIG_CACHE` (upper case, set by the user or CI) is kept: all child installs share one cache.
 */
function childEnv(extra: RunOptions['env']): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (/^npm_(config|package|lifecycle)_/.test(key)) env[key] = undefined;
  }
  return { ...env, ...extra };
}

export interface NpmOptions {
  readonly cwd: string;
  readonly timeoutMs?: number;
  readonly env?: RunOptions['env'];
}

/**
 * Runs `npm <args>` with this machine's network settings (an option repeated in `args` wins: npm
 * takes the last); rejects with npm's own output on failure.
 */
export async function npm(args: readonly string[], options: NpmOptions): Promise<RunResult> {
  const network = npmNetworkArgs(await npmNetworkSettings());
  return run('npm', [...network, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    timeoutMs: options.timeoutMs ?? NPM_INSTALL_TIMEOUT_MS,
  });
}

/**
 * `npm install` in `cwd` (the project's package.json, plus `specs` when given): quiet, no audit or
 * fund requests, the shared cache preferred, and one quick retry, so a registry that cannot be reached
 * fails within the deadline with npm's error (e.g. `SELF_SIGNED_CERT_IN_CHAIN`) rather than after
 * npm's default minutes of back-off.
 */
export function npmInstall(cwd: string, specs: readonly string[] = [], options: Omit<NpmOptions, 'cwd'> = {}): Promise<RunResult> {
  return npm(
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--loglevel=error',
      '--prefer-offline',
      '--fetch-retries=1',
      '--fetch-retry-mintimeout=2000',
      '--fetch-retry-maxtimeout=10000',
      ...specs,
    ],
    { ...options, cwd },
  );
}
