import { fileURLToPath } from 'node:url';
import type { FrameworkName } from './catalog.js';

/** The package's `templates/` folder: next to `dist/` once built, next to `src/` in the repository. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

export function templateDir(framework: FrameworkName, root = TEMPLATES_DIR): string {
  return `${root}/${framework}`;
}
