/**
 * The packaging tests' own tooling: a command that hangs or fails is killed with everything it
 * started and reported with its own output; a child npm gets this machine's certificate and proxy
 * settings and fails fast with npm's error when the registry cannot be trusted.
 */
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmInstall, npmNetworkArgs, parseConfigLines, resolveNpmNetworkSettings } from '../support/npm.js';
import { CommandError, run } from '../support/process.js';
import { tarballs } from '../support/tarballs-context.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function rejection(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

describe('run', () => {
  it('kills a command that runs past its deadline, and what it started, and says so with its output', async () => {
    const started = Date.now();
    const error = await rejection(
      run('sh', ['-c', 'sleep 60 & echo $!; echo "still working" >&2; wait'], { cwd: tmpdir(), timeoutMs: 1_000 }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error.message).toMatch(/did not finish within 1 s and was killed/);
    expect(error.message).toContain('still working');
    const grandchild = Number(error.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(grandchild)).toBe(false);
  });

  it('rejects a failed command with its exit code and the tail of its stderr', async () => {
    const error = await rejection(
      run('sh', ['-c', 'echo "noise" >&2; echo "the real reason" >&2; exit 3'], { cwd: tmpdir() }),
    );
    expect(error.message).toMatch(/exited with code 3/);
    expect(error.message).toMatch(/the real reason\s*$/);
  });
});

describe('npm settings', () => {
  it('take the cafile and proxies from npm, else from the environment', () => {
    const config = parseConfigLines(
      'cafile=null\nca=null\nproxy=null\nhttps-proxy=null\nnoproxy=\nregistry=https://registry.example/\nstrict-ssl=true\n',
    );
    const env = { SSL_CERT_FILE: '/etc/bundle.pem', HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost' };
    const settings = resolveNpmNetworkSettings(config, env, (path) => path === '/etc/bundle.pem');
    expect(settings).toEqual({
      cafile: '/etc/bundle.pem',
      proxy: undefined,
      httpsProxy: 'http://proxy:3128',
      noproxy: 'localhost',
      registry: 'https://registry.example/',
      strictSsl: undefined,
    });
    expect(npmNetworkArgs(settings)).toEqual([
      '--cafile=/etc/bundle.pem',
      '--https-proxy=http://proxy:3128',
      '--noproxy=localhost',
      '--registry=https://registry.example/',
    ]);

    const fromNpm = resolveNpmNetworkSettings(
      parseConfigLines('cafile=/npm/ca.pem\nproxy=http://npm-proxy:8080\n'),
      env,
      () => true,
    );
    expect(fromNpm.cafile).toBe('/npm/ca.pem');
    expect(fromNpm.proxy).toBe('http://npm-proxy:8080');
    // A missing SSL_CERT_FILE, or an inline `ca` in the npmrc, is not replaced by a cafile.
    expect(resolveNpmNetworkSettings(new Map(), env, () => false).cafile).toBeUndefined();
    expect(
      resolveNpmNetworkSettings(new Map([['ca', '-----BEGIN CERTIFICATE-----']]), env, () => true).cafile,
    ).toBeUndefined();
  });
});

describe('npmInstall against a registry behind a self-signed certificate', () => {
  let work: string;
  let registry: Server;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'finhooks-npm-support-'));
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { cwd: work },
    );
    // A registry that knows no package: a trusted request gets npm's E404.
    registry = createServer(
      { key: await readFile(join(work, 'key.pem')), cert: await readFile(join(work, 'cert.pem')) },
      (req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      },
    );
    registry.listen(0, '127.0.0.1');
    await once(registry, 'listening');
    url = `https://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    await writeFile(join(work, 'package.json'), '{"name":"npm-support","private":true}');
  });

  afterAll(async () => {
    registry?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('fails within seconds with npm’s own certificate error, not a hook timeout', async () => {
    const started = Date.now();
    const error = await rejection(
      npmInstall(work, ['finhooks-no-such-package', `--registry=${url}`], { timeoutMs: 60_000 }),
    );
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(error.message).toMatch(/exited with code 1/);
    expect(error.message).toMatch(/SELF_SIGNED_CERT|self-signed certificate/);
  });

  it('trusts the registry once the cafile names its certificate', async () => {
    const error = await rejection(
      npmInstall(work, ['finhooks-no-such-package', `--registry=${url}`, `--cafile=${join(work, 'cert.pem')}`], {
        timeoutMs: 60_000,
      }),
    );
    expect(error.message).toMatch(/E404/);
    expect(requests).toContain('/finhooks-no-such-package');
  });
});

describe('tarballs', () => {
  it('holds one packed .tgz per published package', () => {
    const packed = tarballs();
    expect(Object.keys(packed).sort()).toEqual([
      '@finhooks/adapter-conformance',
      '@finhooks/cli',
      '@finhooks/core',
      '@finhooks/express',
      '@finhooks/fastify',
      '@finhooks/hono',
      '@finhooks/koa',
      '@finhooks/nestjs',
      '@finhooks/next',
      '@finhooks/postgres',
      '@finhooks/redis',
      'create-finhooks',
    ]);
    for (const file of Object.values(packed)) expect(file).toMatch(/\/(finhooks-[a-z-]+|create-finhooks)-\d+\.\d+\.\d+.*\.tgz$/);
  });
});
