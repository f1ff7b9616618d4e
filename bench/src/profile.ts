/**
 * `--profile`: runs one framework × payload bare and with the adapter, samples the server's CPU over
 * the measured window (inspector Profiler, 100 µs), and attributes its CPU time (self time, idle excluded) to modules and functions, so the
 * adapter's extra cost can be read per request.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Framework, Mode, PayloadKind } from './config.js';
import { type HttpPlan, measure, type Measurement } from './http.js';

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  /** µs of server CPU per request. */
  readonly usPerRequest: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly framework: Framework;
  readonly payload: PayloadKind;
  readonly mode: Mode;
  readonly measurement: Measurement;
  /** Sampled busy CPU per request, µs. */
  readonly busyUsPerRequest: number;
  readonly modules: readonly ProfileEntry[];
  readonly functions: readonly ProfileEntry[];
}

/** Which package a script belongs to: `zod`, `jose`, `@finhooks/core`, `node:internal`… */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (plain) return plain[1]!;
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace) return `@finhooks/${workspace[1]}`;
  if (url.includes('/bench/')) return 'bench server';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  return url;
}

export function summariseProfile(profile: CpuProfile, requests: number, top = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0));
  }
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    busy += us;
    const module = moduleOf(callFrame.url, callFrame.functionName);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const where = callFrame.url ? ` ${basename(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
    const name = `${callFrame.functionName || '(anonymous)'}${where} [${module}]`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const entries = (map: Map<string, number>, n: number): ProfileEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, usPerRequest: us / requests, share: us / busy }));
  return {
    busyUsPerRequest: busy / requests,
    modules: entries(modules, modules.size),
    functions: entries(functions, top),
  };
}

export async function profilePair(
  framework: Framework,
  payload: PayloadKind,
  plan: HttpPlan,
): Promise<ProfileSummary[]> {
  const dir = mkdtempSync(join(tmpdir(), 'finhooks-bench-prof-'));
  try {
    const summaries: ProfileSummary[] = [];
    for (const mode of ['bare', 'finhooks'] as const) {
      const name = `${framework}-${payload}-${mode}.cpuprofile`;
      const measurement = await measure(framework, mode, payload, 0, plan, join(dir, name));
      const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
      summaries.push({ framework, payload, mode, measurement, ...summariseProfile(profile, measurement.requests) });
    }
    return summaries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
