import type { LowerBoundMetrics } from '../metrics/lower-bound';
import type { ShiftMetrics } from '../metrics/shift-metrics';
import { round } from '../metrics/statistics';

export interface PolicyReport extends ShiftMetrics {
  /** This policy's figure over the lower bound's, for every figure the bound has a non-zero value for. */
  readonly vsLowerBound: Readonly<Record<string, number>>;
  readonly meanCompletionVsNearestIdle: number;
  readonly meanCompletionVsAuction: number;
  /** Mean completion over the strict bound (no drive to the first stop, see lower-bound.ts). */
  readonly meanCompletionVsStrictBound: number;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: number;
  readonly limit: number;
  readonly met: boolean;
}

export interface BenchReport {
  readonly scenario: { readonly id: string; readonly facility: string; readonly tasks: number; readonly robots: number; readonly seed: number };
  readonly policies: Readonly<Record<string, PolicyReport>>;
  readonly lowerBound: LowerBoundMetrics;
  /** The targets, checked for the default policy. */
  readonly defaultPolicy: string;
  readonly targets: readonly TargetCheck[];
}

const BOUNDED_KEYS = ['meanCompletionS', 'p95CompletionS', 'distanceM'] as const;

export function buildReport(
  scenario: BenchReport['scenario'],
  results: ReadonlyMap<string, ShiftMetrics>,
  bound: LowerBoundMetrics,
  defaultPolicy: string,
): BenchReport {
  const nearest = results.get('nearest-idle')!;
  const auction = results.get('auction')!;
  const policies: Record<string, PolicyReport> = {};
  for (const [name, metrics] of results) {
    const vsLowerBound: Record<string, number> = {};
    for (const key of BOUNDED_KEYS) if (bound[key] > 0) vsLowerBound[key] = round(metrics[key] / bound[key], 3);
    policies[name] = {
      ...metrics,
      vsLowerBound,
      meanCompletionVsNearestIdle: round(metrics.meanCompletionS / nearest.meanCompletionS, 3),
      meanCompletionVsAuction: round(metrics.meanCompletionS / auction.meanCompletionS, 3),
      meanCompletionVsStrictBound: round(metrics.meanCompletionS / bound.strictMeanCompletionS, 3),
    };
  }
  const chosen = policies[defaultPolicy];
  const targets: TargetCheck[] = chosen
    ? [
        check('mean completion ≤ 0.80 × nearest-idle', chosen.meanCompletionVsNearestIdle, 0.8),
        check('mean completion ≤ 0.95 × auction', chosen.meanCompletionVsAuction, 0.95),
        check('mean completion ≤ 1.5 × lower bound', chosen.vsLowerBound.meanCompletionS ?? Infinity, 1.5),
        check('stat tasks late', chosen.statLate, 0),
        { target: 'urgent on time ≥ 95 %', measured: chosen.onTimeRate.urgent ?? 1, limit: 0.95, met: (chosen.onTimeRate.urgent ?? 1) >= 0.95 },
      ]
    : [];
  return { scenario, policies, lowerBound: bound, defaultPolicy, targets };
}

function check(target: string, measured: number, limit: number): TargetCheck {
  return { target, measured, limit, met: measured <= limit };
}

type Row = [label: string, value: (m: PolicyReport) => string, bound?: (b: LowerBoundMetrics) => string];

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const s = (v: number): string => v.toFixed(0);

const ROWS: Row[] = [
  ['tasks completed', (m) => `${m.tasksCompleted}/${m.tasks}`, (b) => `${b.tasksCompleted}/${b.tasks}`],
  ['mean wait s', (m) => s(m.meanWaitS), (b) => s(b.meanWaitS)],
  ['p95 wait s', (m) => s(m.p95WaitS), (b) => s(b.p95WaitS)],
  ['mean completion s', (m) => `${s(m.meanCompletionS)} (×${m.vsLowerBound.meanCompletionS?.toFixed(2) ?? '–'})`, (b) => s(b.meanCompletionS)],
  ['p95 completion s', (m) => `${s(m.p95CompletionS)} (×${m.vsLowerBound.p95CompletionS?.toFixed(2) ?? '–'})`, (b) => s(b.p95CompletionS)],
  ['  vs strict bound', (m) => `×${m.meanCompletionVsStrictBound.toFixed(2)}`, (b) => `${s(b.strictMeanCompletionS)} s`],
  ['  vs nearest-idle', (m) => `×${m.meanCompletionVsNearestIdle.toFixed(3)}`],
  ['  vs auction', (m) => `×${m.meanCompletionVsAuction.toFixed(3)}`],
  ['on time: stat', (m) => pct(m.onTimeRate.stat), (b) => pct(b.onTimeRate.stat)],
  ['on time: asap', (m) => pct(m.onTimeRate.asap), (b) => pct(b.onTimeRate.asap)],
  ['on time: urgent', (m) => pct(m.onTimeRate.urgent), (b) => pct(b.onTimeRate.urgent)],
  ['on time: routine', (m) => pct(m.onTimeRate.routine), (b) => pct(b.onTimeRate.routine)],
  ['stat: max wait s / late', (m) => `${s(m.statMaxWaitS)} / ${m.statLate}`, (b) => `${s(b.statMaxWaitS)} / ${b.statLate}`],
  ['utilisation', (m) => pct(m.utilisation)],
  ['distance km', (m) => `${(m.distanceM / 1000).toFixed(1)} (×${m.vsLowerBound.distanceM?.toFixed(2) ?? '–'})`, (b) => (b.distanceM / 1000).toFixed(1)],
  ['busy-time CV', (m) => m.busyTimeCv.toFixed(3)],
  ['charging stops', (m) => String(m.chargingStops)],
  ['elevator queue s (per task)', (m) => `${m.elevatorWaitS} (${(m.elevatorWaitS / Math.max(1, m.tasks)).toFixed(1)})`, () => '0'],
  ['min battery % / flat', (m) => `${m.minBatteryPct.toFixed(1)} / ${m.batteryDepletions}`],
  ['preemptions / requeues', (m) => `${m.preemptions} / ${m.requeues}`],
  ['decisions/s', (m) => String(m.decisionsPerS)],
  ['p99 decision ms', (m) => m.p99DecisionMs.toFixed(2)],
  ['max decision ms', (m) => m.maxDecisionMs.toFixed(2)],
  ['rounds / degraded', (m) => `${m.planningRounds} / ${m.degradedRounds}`],
  ['replay wall s', (m) => m.replayWallS.toFixed(1)],
];

export function formatTable(report: BenchReport): string {
  const names = Object.keys(report.policies);
  const header = ['', ...names, 'lower bound'];
  const rows = ROWS.map(([label, value, bound]) => [label, ...names.map((n) => value(report.policies[n]!)), bound ? bound(report.lowerBound) : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const { scenario } = report;
  const out = [
    `scenario ${scenario.id} on ${scenario.facility}: ${scenario.tasks} tasks, ${scenario.robots} robots, seed ${scenario.seed}`,
    '',
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`,
    ...rows.map(line),
    '',
    `targets for ${report.defaultPolicy}:`,
    ...report.targets.map((t) => `  ${t.met ? 'met    ' : 'NOT MET'} ${t.target}: ${t.measured} (limit ${t.limit})`),
  ];
  return out.join('\n');
}
