/** The commands of the package manager that ran create-finhooks, for the next steps. */
export interface PackageManager {
  readonly name: 'npm' | 'pnpm' | 'yarn' | 'bun';
  readonly install: string;
  run(script: string): string;
  /** Runs a bin of the app's own dependencies. */
  exec(bin: string): string;
}

const MANAGERS: Record<PackageManager['name'], PackageManager> = {
  npm: {
    name: 'npm',
    install: 'npm install',
    run: (s) => (s === 'test' || s === 'start' ? `npm ${s}` : `npm run ${s}`),
    exec: (b) => `npx ${b}`,
  },
  pnpm: { name: 'pnpm', install: 'pnpm install', run: (s) => `pnpm ${s}`, exec: (b) => `pnpm exec ${b}` },
  yarn: { name: 'yarn', install: 'yarn', run: (s) => `yarn ${s}`, exec: (b) => `yarn ${b}` },
  bun: { name: 'bun', install: 'bun install', run: (s) => `bun run ${s}`, exec: (b) => `bunx ${b}` },
};

/** From `npm_config_user_agent` (`pnpm/10.1.0 npm/? node/v20…`), which every package manager sets for `create`. */
export function packageManagerFrom(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name && name in MANAGERS ? MANAGERS[name as PackageManager['name']] : MANAGERS.npm;
}
