import { fileURLToPath } from 'node:url';
import { runExampleSuite } from '@finhooks/adapter-suite/example';

runExampleSuite({ name: 'examples/koa', cwd: fileURLToPath(new URL('..', import.meta.url)) });
