import { basename } from 'node:path';
import { UsageError } from './errors.js';

export interface PackageJson {
  name?: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
  [field: string]: unknown;
}

/** Fields that only mean something inside the finhooks workspace. */
const WORKSPACE_ONLY_FIELDS = ['publishConfig', 'workspaces', 'turbo', 'packageManager', 'pnpm'];

/** A valid npm package name from a folder name (`My App!` → `my-app`), `finhooks-app` when nothing is left. */
export function packageNameFor(directory: string): string {
  const name = basename(directory)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '')
    .slice(0, 214);
  return name || 'finhooks-app';
}

/**
 * The template's package.json made the app's own: its name, `private` (an app is not published), a
 * description naming only the chosen providers (JSON has no comment to mark a provider's part with),
 * versions kept, fields that only mean something in the finhooks workspace removed.
 */
export function appPackageJson(template: PackageJson, name: string, description: string): PackageJson {
  const app: PackageJson = { name, ...template };
  app.name = name;
  app.private = true;
  app.description = description;
  for (const field of WORKSPACE_ONLY_FIELDS) delete app[field];
  return app;
}

/**
 * Points every `@finhooks/*` dependency at a tarball (`tarballs`: package name → absolute path), for
 * trying finhooks before it is on npm. `overrides` make the packages' own dependencies on each other
 * (`@finhooks/express` → `@finhooks/core`) use the same tarballs instead of the registry.
 * Throws naming the packages that have no tarball.
 */
export function useTarballs(app: PackageJson, tarballs: ReadonlyMap<string, string>): PackageJson {
  const missing = new Set<string>();
  const result: PackageJson = { ...app };
  const overrides: Record<string, string> = { ...app.overrides };
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const deps = app[field];
    if (!deps) continue;
    result[field] = Object.fromEntries(
      Object.entries(deps).map(([dep, range]) => {
        if (!dep.startsWith('@finhooks/')) return [dep, range];
        const tarball = tarballs.get(dep);
        if (!tarball) {
          missing.add(dep);
          return [dep, range];
        }
        overrides[dep] = `$${dep}`;
        return [dep, `file:${tarball}`];
      }),
    );
  }
  if (missing.size > 0) {
    throw new UsageError(
      `No tarball for ${[...missing].join(', ')}: run \`pnpm pack\` in each of their folders into the tarballs folder.`,
    );
  }
  if (Object.keys(overrides).length > 0) result.overrides = overrides;
  return result;
}
