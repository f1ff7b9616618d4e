import { fileURLToPath } from 'node:url';
import { runExampleSuite } from '@finhooks/adapter-suite/example';

runExampleSuite({ name: 'examples/express', cwd: fileURLToPath(new URL('..', import.meta.url)) });
