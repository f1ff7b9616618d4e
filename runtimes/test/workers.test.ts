import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { ROOT, WORKERD } from '../support/binaries.ts';
import { env } from '../support/deliveries.ts';
import { runtimeSuite } from '../support/matrix.ts';
import { freePort, startServer } from '../support/process.ts';

/**
 * Cloudflare Workers: servers/worker.ts bundled as Wrangler does (esbuild, the Workers conditions
 * `workerd`/`worker`/`browser`, no `node`: `#crypto` resolves to Web Crypto) and served by workerd
 * itself (`@cloudflare/workerd-linux-64`; Wrangler 4 needs Node 22, CI runs Node 20). No
 * nodejs_compat flag and a `neutral` platform: any Node built-in on the path fails the bundle.
 */
const dir = mkdtempSync(join(tmpdir(), 'finhooks-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runtimeSuite('Cloudflare Workers (workerd)', async () => {
  await build({
    entryPoints: [join(ROOT, 'servers', 'worker.ts')],
    outfile: join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'error',
  });
  const port = await freePort();
  const bindings = Object.entries(env)
    .map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`)
    .join(',\n    ');
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    ${bindings}
  ],
);
`,
  );
  return startServer({ command: WORKERD, args: ['serve', join(dir, 'config.capnp')], cwd: dir, port, timeout: 60_000 });
});
