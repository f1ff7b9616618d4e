/**
 * A failing handler with no setup, as a user meets it: an Express app (the built @finhooks/express)
 * run as its own process without `onError`, a handler that throws, and what lands on its stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATELIO_SECRET, send } from '@finhooks/adapter-conformance';
import { atelio } from '@finhooks/core';
import { createTestRequest } from '@finhooks/core/testing';
import { afterEach, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The whole app: what a user writes, with a handler that quotes payload data in its error message. */
const APP = `
import express from 'express';
import { atelio } from '@finhooks/core';
import { webhooks } from '@finhooks/express';

const app = express();
app.use('/webhooks/atelio', webhooks({
  provider: atelio({ secret: process.env.ATELIO_SECRET }),
  on: {
    'card.created': function issueCard(event) {
      throw new TypeError('no card account for customer ' + event.payload.card.customer_id);
    },
  },
}));
const server = app.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

/** Starts the app with `NODE_ENV`, sends one card.created, resolves with the stderr report and the customer id sent. */
async function failingDelivery(nodeEnv: string): Promise<{ stderr: string; customerId: string }> {
  if (!existsSync(`${PACKAGE_DIR}dist/index.js`)) throw new Error('Build @finhooks/express first (pnpm --filter @finhooks/express build).');
  const app = spawn(process.execPath, ['--input-type=module', '-e', APP], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: nodeEnv, ATELIO_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = app;
  let stdout = '';
  let stderr = '';
  app.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  app.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!done()) {
      if (app.exitCode !== null) throw new Error(`The app exited (${app.exitCode}) before ${what}:\n${stdout}${stderr}`);
      if (Date.now() > deadline) throw new Error(`No ${what} within 20 s:\n${stdout}${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await until(() => /listening on /.test(stdout), 'listening');
  const url = /listening on (\S+)/.exec(stdout)![1]!;

  const req = await createTestRequest(atelio({ secret: ATELIO_SECRET }), 'card.created', { occurred_at: new Date().toISOString() });
  const customerId = (JSON.parse(req.body) as { card: { customer_id: string } }).card.customer_id;
  const response = await send(`${url}/webhooks/atelio`, req);
  expect(response.status).toBe(500);
  await until(() => /at (\S+\.)?issueCard/.test(stderr), 'report on stderr');
  return { stderr, customerId };
}

describe('express app without onError: a throwing handler is reported on stderr', () => {
  it('in development: the error class, its message and the stack frame of the handler', async () => {
    const { stderr, customerId } = await failingDelivery('development');
    expect(stderr).toMatch(/^\[finhooks\] atelio "card\.created": 500 handler_failed: 1 handler failed/m);
    expect(stderr).toContain(`  TypeError: no card account for customer ${customerId}\n`);
    expect(stderr).toMatch(/^ {6}at (\S+\.)?issueCard \(.*\)$/m);
  }, 30_000);

  it('in production: the class and the stack frames, and no payload value', async () => {
    const { stderr, customerId } = await failingDelivery('production');
    expect(stderr).toMatch(/^ {2}TypeError\n {6}at (\S+\.)?issueCard \(/m);
    expect(stderr).not.toContain(customerId);
    expect(stderr).toContain("messages hidden because NODE_ENV is 'production'");
  }, 30_000);
});
