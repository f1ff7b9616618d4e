/** Tables (Markdown: readable in a terminal, and what RESULTS.md is made of). */
import { FRAMEWORK_LABEL, type Framework, PAYLOAD_LABEL, type PayloadKind, TARGETS } from './config.js';
import type { CostRow } from './costs.js';
import { type Measurement, type Summary, summarise } from './http.js';
import type { Machine } from './machine.js';
import type { MicroResult } from './micro.js';
import type { ProfileSummary } from './profile.js';

function table(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = head.map((_, i) => ((align?.[i] ?? 'r') === 'l' ? ':--' : '--:'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const us = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–');
const mib = (kib: number) => (kib > 0 ? (kib / 1024).toFixed(0) : '–');
const kb = (bytes: number) => (bytes >= 10_240 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024).toFixed(2)} KB`);

export function machineSection(m: Machine, extra: readonly string[] = []): string {
  return [
    `- CPU: ${m.cpu}, ${m.cores} cores (as \`os.cpus()\` reports them)`,
    `- RAM: ${m.ramGiB} GiB`,
    `- Node: ${m.node}; OS: ${m.os}`,
    `- Date: ${m.date}`,
    `- Load average at start (1/5/15 min): ${m.loadAverage.join(' / ')}`,
    ...extra.map((e) => `- ${e}`),
  ].join('\n');
}

export interface PairVerdict {
  readonly payload: PayloadKind;
  readonly framework: Framework;
  readonly bare: Summary;
  readonly adapter: Summary;
  readonly ratio: number;
  readonly p99Ratio: number;
  readonly roundRatios: readonly number[];
  readonly throughputMet: boolean;
  readonly p99Met: boolean;
  readonly invalid?: string;
}

export function verdicts(
  measurements: readonly Measurement[],
  frameworks: readonly Framework[],
  payloads: readonly PayloadKind[],
): PairVerdict[] {
  const out: PairVerdict[] = [];
  for (const payload of payloads) {
    for (const framework of frameworks) {
      const bare = summarise(measurements, framework, payload, 'bare');
      const adapter = summarise(measurements, framework, payload, 'finhooks');
      if (!bare || !adapter) continue;
      const rounds = [...new Set(measurements.map((m) => m.round))].sort((a, b) => a - b);
      const roundRatios = rounds.flatMap((round) => {
        const b = measurements.find(
          (m) => m.round === round && m.framework === framework && m.payload === payload && m.mode === 'bare',
        );
        const a = measurements.find(
          (m) => m.round === round && m.framework === framework && m.payload === payload && m.mode === 'finhooks',
        );
        return a && b ? [a.reqPerSec / b.reqPerSec] : [];
      });
      const ratio = adapter.reqPerSec / bare.reqPerSec;
      const p99Ratio = adapter.p99 / bare.p99;
      const invalid = [bare.invalid && `bare: ${bare.invalid}`, adapter.invalid && `finhooks: ${adapter.invalid}`]
        .filter(Boolean)
        .join('; ');
      out.push({
        payload,
        framework,
        bare,
        adapter,
        ratio,
        p99Ratio,
        roundRatios,
        throughputMet: ratio >= TARGETS.throughput[payload],
        p99Met: p99Ratio <= TARGETS.p99,
        ...(invalid && { invalid }),
      });
    }
  }
  return out;
}

export function httpTable(pairs: readonly PairVerdict[]): string {
  const rows = pairs.map((p) => [
    PAYLOAD_LABEL[p.payload],
    FRAMEWORK_LABEL[p.framework],
    int(p.bare.reqPerSec),
    int(p.adapter.reqPerSec),
    `**${p.ratio.toFixed(2)}** (≥ ${TARGETS.throughput[p.payload]}) ${p.invalid ? 'INVALID' : p.throughputMet ? 'met' : 'NOT met'}`,
    p.roundRatios.map((r) => r.toFixed(2)).join(' '),
    `${ms(p.bare.p50)} / ${ms(p.bare.p99)}`,
    `${ms(p.adapter.p50)} / ${ms(p.adapter.p99)}`,
    `**${p.p99Ratio.toFixed(2)}** (≤ ${TARGETS.p99}) ${p.invalid ? 'INVALID' : p.p99Met ? 'met' : 'NOT met'}`,
    `${mib(p.bare.peakRssKiB)} / ${mib(p.adapter.peakRssKiB)}`,
  ]);
  return table(
    [
      'payload',
      'framework',
      'bare req/s',
      'finhooks req/s',
      'ratio req/s (target)',
      'per-round ratios',
      'bare p50 / p99 ms',
      'finhooks p50 / p99 ms',
      'ratio p99 (target)',
      'peak RSS MiB bare / finhooks',
    ],
    rows,
    ['l', 'l'],
  );
}

/** Where the CPU went during each run: a server below ~90 % of a core was not the bottleneck. */
export function cpuTable(pairs: readonly PairVerdict[]): string {
  const rows = pairs.flatMap((p) =>
    [p.bare, p.adapter].map((s) => [
      PAYLOAD_LABEL[p.payload],
      FRAMEWORK_LABEL[p.framework],
      s.mode,
      `${s.serverCpu.toFixed(0)} %`,
      `${s.loaderCpu.toFixed(0)} %`,
      `${s.foreignCpu.toFixed(0)} %`,
      mib(s.idleRssKiB),
      mib(s.peakRssKiB),
      String(s.rounds),
    ]),
  );
  return table(
    [
      'payload',
      'framework',
      'mode',
      'server CPU',
      'autocannon CPU',
      'other processes CPU',
      'RSS idle MiB',
      'peak RSS MiB',
      'rounds',
    ],
    rows,
    ['l', 'l', 'l'],
  );
}

export function invalidList(pairs: readonly PairVerdict[]): string {
  const bad = pairs.filter((p) => p.invalid);
  if (bad.length === 0)
    return 'Every figure is valid: every answer 2xx, no socket errors, no request recycled, every event reached its handler.';
  return bad
    .map((p) => `- **INVALID** ${PAYLOAD_LABEL[p.payload]} / ${FRAMEWORK_LABEL[p.framework]}: ${p.invalid}`)
    .join('\n');
}

export function microTable(results: readonly MicroResult[]): string {
  const rows = results.map((r) => [
    `${r.label}${r.diagnostic ? ' *(diagnostic)*' : ''}`,
    kb(r.bytes),
    `**${us(r.totalUs)}**`,
    int(1e6 / r.totalUs),
    us(r.stages.verify),
    us(r.stages.decode),
    us(r.stages.identify),
    us(r.stages.validate),
    us(r.stages.dispatch),
    us(r.restUs),
    int(r.events),
  ]);
  return table(
    [
      'event',
      'body',
      'µs / event (handleRequest)',
      'events/s (1 core)',
      'verify',
      'decode',
      'identify',
      'validate (zod)',
      'dispatch + store',
      'rest',
      'distinct events / pass',
    ],
    rows,
    ['l'],
  );
}

export function costsTable(rows: readonly CostRow[]): string {
  return table(
    ['what', 'measured', 'µs'],
    rows.map((r) => [r.group, `${r.name.replace(/^ {2}/, '↳ ')}${r.note ? ` (${r.note})` : ''}`, us(r.us)]),
    ['l', 'l'],
  );
}

export function profileSection(summaries: readonly ProfileSummary[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < summaries.length; i += 2) {
    const bare = summaries[i]!;
    const adapter = summaries[i + 1]!;
    const names = [...new Set([...adapter.modules, ...bare.modules].map((e) => e.name))];
    const per = (s: ProfileSummary, name: string) => s.modules.find((e) => e.name === name)?.usPerRequest ?? 0;
    const rows = names
      .map((name) => [name, per(bare, name), per(adapter, name)] as const)
      .sort((a, b) => b[2] - b[1] - (a[2] - a[1]))
      .map(([name, b, a]) => [name, us(b), us(a), us(a - b)]);
    rows.push([
      '**busy total (main thread)**',
      us(bare.busyUsPerRequest),
      us(adapter.busyUsPerRequest),
      us(adapter.busyUsPerRequest - bare.busyUsPerRequest),
    ]);
    parts.push(
      `#### ${FRAMEWORK_LABEL[bare.framework]}, ${PAYLOAD_LABEL[bare.payload]}: main-thread CPU µs per request, by module`,
      '',
      table(['module', 'bare', 'finhooks', 'extra'], rows, ['l']),
      '',
      `Top functions (self time) with finhooks:`,
      '',
      table(
        ['function [module]', 'µs / request', 'share'],
        adapter.functions.map((f) => [
          f.name.replaceAll('|', '\\|'),
          us(f.usPerRequest),
          `${(f.share * 100).toFixed(1)} %`,
        ]),
        ['l'],
      ),
      '',
    );
  }
  return parts.join('\n');
}
