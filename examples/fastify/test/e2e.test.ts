import { fileURLToPath } from 'node:url';
import { runExampleSuite } from '@finhooks/adapter-suite/example';

runExampleSuite({ name: 'examples/fastify', cwd: fileURLToPath(new URL('..', import.meta.url)) });
