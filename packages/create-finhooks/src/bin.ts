import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// Set, not process.exit(): pending output is flushed before the process ends.
if (code !== 0) process.exitCode = code;
