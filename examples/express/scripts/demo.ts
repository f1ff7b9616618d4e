/**
 * `pnpm demo` (repository root) or `npm run demo` (here): starts this Express example, then uses the `finhooks` CLI to send one signed event of
 * each provider and one tampered event, printing what the handlers received and what the tampered
 * delivery was answered. Exits by itself (non-zero if anything did not go as shown).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const cliBin = join(dirname(createRequire(import.meta.url).resolve('@finhooks/cli/package.json')), 'dist/bin.js');
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Starts the example app; resolves once it prints its URL. */
async function startApp(env: Record<string, string>): Promise<{ app: ChildProcess; url: string; takeOutput: () => string }> {
  const app = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: exampleDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  app.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!/listening on (\S+)/.test(output)) {
    if (app.exitCode !== null || Date.now() - started > 30_000) throw new Error(`The example did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (\S+)/.exec(output)![1]!;
  output = '';
  return {
    app,
    url,
    takeOutput: () => {
      const taken = output;
      output = '';
      return taken;
    },
  };
}

/** Runs `finhooks send …`; resolves with its exit code and output. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [cliBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output };
}

const indent = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

async function main(): Promise<number> {
  const env: Record<string, string> = { PORT: '0' };
  const jwksPort = await freePort(); // @provider moneyhub
  env.MONEYHUB_ISSUER = `http://127.0.0.1:${jwksPort}`; // the CLI plays Moneyhub's identity server there // @provider moneyhub
  console.log(bold('finhooks demo'));
  console.log('Starting the Express example with the development secrets…');
  const { app, url, takeOutput } = await startApp(env);
  console.log(`  listening on ${url}\n`);

  const steps: Array<{ title: string; args: string[]; expect: number }> = [
    { title: 'Atomic: task-status-updated (HMAC-SHA256 of the raw body)', args: ['send', 'atomic', 'task-status-updated', '--url', `${url}/webhooks/atomic`, '--dev'], expect: 0 }, // @provider atomic
    { title: 'Moneyhub: newTransactions (RS256 JWT, keys found by OIDC discovery)', args: ['send', 'moneyhub', 'newTransactions', '--url', `${url}/webhooks/moneyhub`, '--serve-jwks', String(jwksPort), '--dev'], expect: 0 }, // @provider moneyhub
    { title: 'Atelio: transactions (Bond-Signature v2)', args: ['send', 'atelio', 'transactions', '--url', `${url}/webhooks/atelio`, '--dev'], expect: 0 }, // @provider atelio
    { title: 'Atelio: card.created, tampered after signing', args: ['send', 'atelio', 'card.created', '--url', `${url}/webhooks/atelio`, '--dev', '--tamper'], expect: 1 }, // @provider atelio
  ];

  let failures = 0;
  try {
    for (const step of steps) {
      console.log(bold(`▶ ${step.title}`));
      const result = await cli(step.args);
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the app flush its log line
      console.log(`  finhooks ${step.args.slice(0, 3).join(' ')} …`);
      console.log(indent(result.output));
      const received = takeOutput();
      console.log(step.expect === 0 ? '  the handler received:' : '  the app reported:');
      console.log(indent(received || '(nothing)'));
      console.log();
      if (result.code !== step.expect) {
        failures += 1;
        console.error(`  ✗ expected the CLI to exit with ${step.expect}, got ${result.code}`);
      }
    }
  } finally {
    app.kill('SIGTERM');
  }
  console.log(failures === 0 ? bold('All deliveries answered as expected.') : bold(`${failures} step(s) did not go as expected.`));
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
