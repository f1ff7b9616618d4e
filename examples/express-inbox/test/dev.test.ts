/** `npm run dev`: the web process and the worker side by side, both stopped by one SIGTERM. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_DIR } from './support/app.js';
import { testDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
beforeAll(async () => void (db = await testDatabase()));
afterAll(() => db?.drop());

it('starts both processes with prefixed output; SIGTERM stops both gracefully, exit 0', async () => {
  const dev = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, ...db.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  dev.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  dev.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = once(dev, 'exit');
  try {
    const deadline = Date.now() + 30_000;
    while (!(/^web {4}\| .*listening on http:\/\/127\.0\.0\.1:\d+/m.test(output) && /^worker \| .*worker running/m.test(output))) {
      if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`npm run dev did not start both processes:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
    expect((await fetch(`${url}/health`)).status).toBe(200);
  } finally {
    dev.kill('SIGTERM');
  }
  const [code] = (await exited) as [number | null];
  expect(code, output).toBe(0);
}, 60_000);
