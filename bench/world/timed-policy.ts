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
  /** Every round's plan() in ms. */
  readonly latenciesMs: number[] = [];
  /** The rounds with at least one ready task (the others, periodic rounds with nothing to plan, take microseconds). */
  readonly workLatenciesMs: number[] = [];
  /** Decisions made (assignments, charge and park trips, preemptions; not the reports of unassignable tasks). */
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
    const ms = performance.now() - started;
    this.latenciesMs.push(ms);
    this.decisions += decisions.filter((d) => d.kind !== 'unassignable').length;
    let ready = 0;
    for (const task of snapshot.tasks) if (task.status === 'ready') ready += 1;
    if (ready > 0) this.workLatenciesMs.push(ms);
    this.maxReadyTasks = Math.max(this.maxReadyTasks, ready);
    return decisions;
  }
}
