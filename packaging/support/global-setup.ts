/**
 * vitest global setup of the packaging tests: packs the published packages once for every test
 * file (see `tarballs.ts`), and removes the tarballs afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packTarballs, type Tarballs } from './tarballs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → absolute path of its packed `.tgz`. */
    finhooksTarballs: Tarballs;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'finhooks-tarballs-'));
  project.provide('finhooksTarballs', await packTarballs(dir));
  return () => rm(dir, { recursive: true, force: true });
}
