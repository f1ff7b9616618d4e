import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The published build, loaded as a Nest app loads it: CommonJS (most Nest apps) and ESM.
describe('the built package boots a Nest app', () => {
  const dist = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
  it.each([
    ['smoke.cjs', 'express'],
    ['smoke.cjs', 'fastify'],
    ['smoke.mjs', 'express'],
    ['smoke.mjs', 'fastify'],
  ])(
    '%s on %s: a signed delivery reaches the decorated method',
    async (script, platform) => {
      expect(existsSync(dist), `${dist} is missing: run the package build (tsup) before the tests`).toBe(true);
      const path = fileURLToPath(new URL(`fixtures/${script}`, import.meta.url));
      const { stdout } = await promisify(execFile)(process.execPath, [path, platform], { timeout: 30_000 });
      expect(JSON.parse(stdout)).toEqual({ status: 200, seen: ['card.created'] });
    },
    60_000,
  );
});
