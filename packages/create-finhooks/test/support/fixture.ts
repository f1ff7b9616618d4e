import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTemplates } from '../../scripts/templates.mjs';

const FIXTURE_EXAMPLES = fileURLToPath(new URL('../fixtures/examples', import.meta.url));

export interface FixtureTemplates {
  /** A copy of test/fixtures/examples, with what installs and builds leave (node_modules, dist, .next…) added. */
  readonly examples: string;
  /** `templates/` built from it by the package's build script. */
  readonly templates: string;
  readonly work: string;
  cleanup(): Promise<void>;
}

/** The fixture example (which follows the provider convention) turned into a template the way `pnpm build` does. */
export async function buildFixtureTemplates(): Promise<FixtureTemplates> {
  const work = await mkdtemp(join(tmpdir(), 'create-finhooks-'));
  const examples = join(work, 'examples');
  await cp(FIXTURE_EXAMPLES, examples, { recursive: true });
  const express = join(examples, 'express');
  for (const generated of ['node_modules/express', 'dist', '.next/cache', '.turbo', 'src/dist']) {
    await mkdir(join(express, generated), { recursive: true });
    await writeFile(join(express, generated, 'index.js'), 'generated');
  }
  await writeFile(join(express, 'next-env.d.ts'), '/// generated');
  await writeFile(join(express, 'tsconfig.tsbuildinfo'), '{}');
  await writeFile(join(express, '.env'), 'ATOMIC_API_SECRET=a-real-secret');
  const templates = join(work, 'templates');
  await buildTemplates({ examplesDir: examples, outDir: templates, frameworks: ['express'] });
  return { examples, templates, work, cleanup: () => rm(work, { recursive: true, force: true }) };
}
