/**
 * What a user gets from npm: every published package is packed (`pnpm pack`, as `changeset publish`
 * does), the tarballs are installed with npm into a fresh project outside the workspace, and a
 * TypeScript ESM file (typechecked, strict NodeNext) and a CommonJS file each mount adapters and
 * receive signed events.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmInstall } from '../support/npm.js';
import { run } from '../support/process.js';
import { tarballs } from '../support/tarballs-context.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let work: string;
let app: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'finhooks-consumer-'));
  app = join(work, 'app');
  await mkdir(app, { recursive: true });
  // The libraries an app installs (create-finhooks, the scaffolder, has its own test:
  // create-finhooks.test.ts; @finhooks/adapter-conformance is a Vitest suite for adapter authors,
  // run by every adapter's own tests).
  const packed = Object.entries(tarballs())
    .filter(([name]) => name.startsWith('@finhooks/') && name !== '@finhooks/adapter-conformance')
    .map(([, file]) => file);
  expect(packed).toHaveLength(10);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'finhooks-consumer', private: true }));
  await npmInstall(app, [...packed, 'express@^5', 'fastify@^5', 'koa@^3', 'hono@^4', '@nestjs/common@^11', '@nestjs/core@^11', 'reflect-metadata@^0.2', 'rxjs@^7', 'pg@^8', '@types/node@^20', '@types/express@^5']);
  await cp(fixtures, app, { recursive: true });
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed packages, installed from tarballs outside the workspace', () => {
  it('typecheck in a strict NodeNext TypeScript project (ESM), payload types included', async () => {
    // Compiles consumer-esm.mts to dist/consumer-esm.mjs, run by the next test.
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
  });

  it('receive signed events as ESM: Express middleware, a Next.js route handler and a Hono handler', async () => {
    const { stdout } = await run(process.execPath, ['dist/consumer-esm.mjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ express: 200, amounts: ['10.01'], next: 200, types: ['task-status-updated'], hono: 200, cards: ['card.created'] });
  });

  it('receive signed events as CommonJS: require() of every adapter, Fastify and Koa deliveries', async () => {
    const { stdout } = await run(process.execPath, ['consumer.cjs'], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      fastify: 200,
      koa: 200,
      received: ['fastify:card.created', 'koa:identity-synced'],
    });
  });

  it('install the finhooks bin', async () => {
    const { stdout } = await run(join(app, 'node_modules/.bin/finhooks'), ['events', 'atomic'], { cwd: app });
    expect(stdout.trim().split('\n')).toHaveLength(27);
  });
});
