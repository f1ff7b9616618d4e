import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateMoneyhubKey, loadMoneyhubKey, type MoneyhubSigningKey, writeMoneyhubKey } from './moneyhub-keys.js';

/**
 * The development Moneyhub key `--dev` signs with: generated once per machine and kept in the user's
 * cache (`$FINHOOKS_DEV_KEY`, else `$XDG_CACHE_HOME/finhooks/moneyhub-dev-key.json`, else
 * `~/.cache/finhooks/…`), so every run uses the same `kid` (receivers cache key sets) and no private
 * key ships in the package.
 */
export function devMoneyhubKeyFile(): string {
  if (process.env.FINHOOKS_DEV_KEY) return process.env.FINHOOKS_DEV_KEY;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'finhooks', 'moneyhub-dev-key.json');
}

let devKey: Promise<MoneyhubSigningKey> | undefined;

/** Loads the development key, creating it on first use (a concurrent creator wins; both then load its file). */
export function devMoneyhubKey(): Promise<MoneyhubSigningKey> {
  devKey ??= (async () => {
    const file = devMoneyhubKeyFile();
    try {
      return await loadMoneyhubKey(file);
    } catch {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const created = await generateMoneyhubKey();
      await writeMoneyhubKey(file, created.privateJwk).catch(() => undefined);
      return loadMoneyhubKey(file);
    }
  })();
  return devKey;
}
