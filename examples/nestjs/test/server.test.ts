/** The server itself: its own routes, and a clear message when it cannot listen. */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, runUntilExit, startApp } from './support/app.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

describe('the server', () => {
  it('serves the app’s own JSON routes next to the webhooks', async () => {
    const response = await fetch(`${app.url}/health`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });

  it('on a port already in use: says so on stderr and exits with 1', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const exited = await runUntilExit({ PORT: String(port) });
      expect(exited.code).toBe(1);
      expect(exited.stderr).toContain(`Port ${port} is already in use`);
      expect(exited.stderr).not.toMatch(/TypeError|at .*\.ts:\d+/);
    } finally {
      blocker.close();
    }
  });
});
