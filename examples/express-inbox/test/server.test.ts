/** The processes themselves: health, a clear failure at start without a database, graceful stops. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runUntilExit, startApp, startWorker } from './support/app.js';
import { testDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
let app: RunningProcess;
beforeAll(async () => {
  db = await testDatabase();
  app = await startApp(db.env);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('the web process and the worker', () => {
  it('migrate at start: finhooks’ inbox and the app’s tables exist, each migration recorded once', async () => {
    const worker = await startWorker(db.env); // migrates too, finding nothing left to do
    try {
      const ids = (await db.rows<{ id: string }>('SELECT id FROM app_migrations')).map((row) => row.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await db.inboxSize()).toBe(0);
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  });

  it('several processes migrating a fresh database at once: each succeeds (they take turns)', async () => {
    const fresh = await testDatabase();
    try {
      const runs = await Promise.all([1, 2, 3].map(() => runUntilExit('src/migrate.ts', fresh.env)));
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      expect(runs.filter((run) => run.stdout.includes('applied '))).toHaveLength(1);
    } finally {
      await fresh.drop();
    }
  });

  it('GET /health → 200 while the database answers', async () => {
    const response = await fetch(`${app.url}/health`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });

  it('an unreachable database → each process says so at start and exits with 1', async () => {
    const env = { ...db.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', PORT: '0' };
    for (const script of ['src/server.ts', 'src/worker.ts']) {
      const exited = await runUntilExit(script, env);
      expect(exited.code, exited.stderr).toBe(1);
      expect(exited.stderr).toMatch(/^Cannot start: .*cannot connect to PostgreSQL/m);
      expect(exited.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('a bad schema name is refused at start', async () => {
    const exited = await runUntilExit('src/server.ts', { ...db.env, APP_SCHEMA: 'Robert"; DROP' });
    expect(exited.code).toBe(1);
    expect(exited.stderr).toContain('APP_SCHEMA must be a lower-case schema name');
  });

  it('SIGTERM → the web process closes its server and pool and exits 0', async () => {
    const other = await startApp(db.env);
    expect(await other.stop()).toBe(0);
  });
});
