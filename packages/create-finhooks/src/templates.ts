import { fileURLToPath } from 'node:url';

/** The package's `templates/` folder: next to `dist/` once built, next to `src/` in the repository. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** `templates/<name>`: a framework's (`express`) or an inbox app's (`express-inbox`, see inbox.ts). */
export function templateDir(name: string, root = TEMPLATES_DIR): string {
  return `${root}/${name}`;
}
