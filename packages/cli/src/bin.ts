import { runCli } from './program.js';

// `finhooks send … | head`: a reader that stops early is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2));
// Set, not process.exit(): pending stdout writes are flushed before the process ends.
if (code !== 0) process.exitCode = code;
