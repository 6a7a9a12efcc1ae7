import type { DispatchDecision, DispatchPolicy, DispatchSnapshot } from '@opiekun/domain';

/** A policy that reports how it planned: degraded rounds (a greedy pass instead of the full assignment), say. */
export interface PlanningStats {
  readonly rounds: number;
  readonly degradedRounds: number;
}

function hasStats(policy: DispatchPolicy): policy is DispatchPolicy & { readonly stats: PlanningStats } {
  return typeof (policy as { stats?: unknown }).stats === 'object';
}

/** Wraps a policy and measures every plan() call in wall time: the decision latency the benchmark reports. */
export class TimedPolicy implements DispatchPolicy {
  readonly latenciesMs: number[] = [];
  decisions = 0;
  maxReadyTasks = 0;

  constructor(readonly inner: DispatchPolicy) {}

  get name(): string {
    return this.inner.name;
  }

  get degradedRounds(): number {
    return hasStats(this.inner) ? this.inner.stats.degradedRounds : 0;
  }

  plan(snapshot: DispatchSnapshot): DispatchDecision[] {
    const started = performance.now();
    const decisions = this.inner.plan(snapshot);
    this.latenciesMs.push(performance.now() - started);
    this.decisions += decisions.filter((d) => d.kind !== 'unassignable').length;
    let ready = 0;
    for (const task of snapshot.tasks) if (task.status === 'ready') ready += 1;
    this.maxReadyTasks = Math.max(this.maxReadyTasks, ready);
    return decisions;
  }
}
