/**
 * `pnpm build` runs this before tsup: `templates/<framework>` from the repository's `examples/<framework>`
 * (see `templates.mjs`).
 */
import { fileURLToPath } from 'node:url';
import { buildTemplates, FRAMEWORKS, INBOX_TEMPLATES, REPO_ROOT } from './templates.mjs';

const outDir = fileURLToPath(new URL('../templates', import.meta.url));
await buildTemplates({ examplesDir: `${REPO_ROOT}examples`, outDir });
console.log(`templates/{${[...FRAMEWORKS, ...INBOX_TEMPLATES].join(',')}} written from examples/`);
