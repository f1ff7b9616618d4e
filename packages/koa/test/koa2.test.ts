/**
 * The peer range is `koa ^2.14.0 || ^3.0.0`: the adapter suite also runs on Koa 2, at the range's
 * floor (2.14.0) and on the latest 2.x, installed under aliases beside Koa 3.
 */
import { createRequire } from 'node:module';
import { runAdapterSuite } from '@finhooks/adapter-conformance';
import Koa2 from 'koa-2';
import Koa214 from 'koa-2.14';
import { describe, expect, it } from 'vitest';
import { koaHarnesses } from './harnesses.js';

const require = createRequire(import.meta.url);

for (const [alias, Koa] of [
  ['koa-2.14', Koa214],
  ['koa-2', Koa2],
] as const) {
  const { version } = require(`${alias}/package.json`) as { version: string };

  describe(`Koa ${version}`, () => {
    it('is the Koa 2 this file means to test', () => {
      expect(version).toMatch(/^2\.(1[4-9]|[2-9]\d)\./);
    });
  });

  for (const harness of koaHarnesses(Koa, `koa ${version}`)) runAdapterSuite(harness);
}
