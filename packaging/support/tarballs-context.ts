/** Inside a packaging test file: the tarballs packed once by `global-setup.ts`. */
import { inject } from 'vitest';
import type { Tarballs } from './tarballs.js';

/** Package name (`@finhooks/core`) → absolute path of its `.tgz`, packed for this test run. */
export function tarballs(): Tarballs {
  const packed = inject('finhooksTarballs');
  if (!packed || Object.keys(packed).length === 0) throw new Error('No tarballs: run this file with packaging/vitest.config.ts (its globalSetup packs them).');
  return packed;
}
