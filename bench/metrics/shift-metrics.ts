import { TASK_PRIORITIES, type Task, type TaskEvent, type TaskPriority } from '@opiekun/domain';
import type { ReplayResult } from '../world/shift-replay';
import { coefficientOfVariation, mean, percentile, round } from './statistics';

export type PriorityRates = Record<TaskPriority, number | null>;

/** Everything the benchmark reports for one policy; units in the names, rates 0..1. */
export interface ShiftMetrics {
  readonly tasks: number;
  readonly tasksCompleted: number;
  readonly tasksFailed: number;
  /** Tasks the api refused to create (no robot of the fleet can do them). */
  readonly tasksRefused: number;
  /** created → started (the robot confirmed the order); a task never started counts until the end of the run. */
  readonly meanWaitS: number;
  readonly p95WaitS: number;
  /** created → completed; a task not completed counts until the end of the run. */
  readonly meanCompletionS: number;
  readonly p95CompletionS: number;
  /** Completed by the deadline, per priority (null: no task of that priority). */
  readonly onTimeRate: PriorityRates;
  readonly statMaxWaitS: number;
  readonly statLate: number;
  /** Busy time (from accepted to done or dropped) over robot time. */
  readonly utilisation: number;
  readonly distanceM: number;
  /** Coefficient of variation of busy time across robots: 0 is perfectly even. */
  readonly busyTimeCv: number;
  readonly chargingStops: number;
  readonly minBatteryPct: number;
  readonly batteryDepletions: number;
  /**
   * Seconds robots queued for an elevator cabin, all robots together — contention the lower bound ignores; per task it
   * shows how much of the completion time is the building's elevators rather than the plan.
   */
  readonly elevatorWaitS: number;
  /** Decisions made (assignments, charge and park trips, preemptions) per second of planning time. */
  readonly decisionsPerS: number;
  /** Decision latency (one planning round) over the rounds with at least one ready task: mean and p99. */
  readonly meanDecisionMs: number;
  readonly p99DecisionMs: number;
  /** The slowest round of all. */
  readonly maxDecisionMs: number;
  readonly planningRounds: number;
  /** Rounds in which the policy fell back to a greedy pass to stay within its budget. */
  readonly degradedRounds: number;
  readonly maxReadyTasks: number;
  readonly preemptions: number;
  /** Tasks put back in the queue for any other reason (rejected, failed, never confirmed). */
  readonly requeues: number;
  readonly replayWallS: number;
}

export function shiftMetrics(result: ReplayResult, scenarioTasks: number): ShiftMetrics {
  const { tasks, endMs } = result;
  const waits = tasks.map((t) => ((t.startedAt ?? endMs) - t.createdAt) / 1000);
  const completions = tasks.map((t) => ((t.status === 'completed' ? t.finishedAt! : endMs) - t.createdAt) / 1000);
  const stat = tasks.filter((t) => t.priority === 'stat');
  const busy = busyTimeByRobot(result);
  const spanS = (endMs - result.startMs) / 1000;
  const latencies = result.timing.latenciesMs;
  // decision latency over the rounds that had something to plan (periodic empty rounds would dilute the p99)
  const work = result.timing.workLatenciesMs.length > 0 ? result.timing.workLatenciesMs : latencies;
  const planningS = latencies.reduce((a, b) => a + b, 0) / 1000;
  return {
    tasks: scenarioTasks,
    tasksCompleted: tasks.filter((t) => t.status === 'completed').length,
    tasksFailed: tasks.filter((t) => t.status === 'failed').length,
    tasksRefused: result.refused.length,
    meanWaitS: round(mean(waits), 1),
    p95WaitS: round(percentile(waits, 95), 1),
    meanCompletionS: round(mean(completions), 1),
    p95CompletionS: round(percentile(completions, 95), 1),
    onTimeRate: onTimeRates(tasks),
    statMaxWaitS: round(Math.max(0, ...stat.map((t) => ((t.startedAt ?? endMs) - t.createdAt) / 1000)), 1),
    statLate: stat.filter((t) => !onTime(t)).length,
    utilisation: round(sum([...busy.values()]) / (result.robotIds.length * spanS), 3),
    distanceM: Math.round(sum(result.odometry.map((o) => o.distanceM))),
    busyTimeCv: round(coefficientOfVariation(result.robotIds.map((id) => busy.get(id) ?? 0)), 3),
    chargingStops: sum(result.odometry.map((o) => o.chargingStops)),
    minBatteryPct: round(Math.min(100, ...result.odometry.map((o) => o.minBattery)), 1),
    batteryDepletions: sum(result.odometry.map((o) => o.depletions)),
    elevatorWaitS: Math.round(sum(result.odometry.map((o) => o.elevatorWaitS))),
    decisionsPerS: planningS > 0 ? Math.round(result.timing.decisions / planningS) : 0,
    meanDecisionMs: round(mean(work), 3),
    p99DecisionMs: round(percentile(work, 99), 3),
    maxDecisionMs: round(latencies.reduce((a, b) => Math.max(a, b), 0), 3),
    planningRounds: latencies.length,
    degradedRounds: result.timing.degradedRounds,
    maxReadyTasks: result.timing.maxReadyTasks,
    preemptions: result.notifier.preemptions,
    requeues: result.notifier.requeues,
    replayWallS: round(result.wallMs / 1000, 2),
  };
}

function onTime(task: Task): boolean {
  return task.status === 'completed' && (task.deadline === undefined || task.finishedAt! <= task.deadline);
}

function onTimeRates(tasks: readonly Task[]): PriorityRates {
  const rates = {} as Record<TaskPriority, number | null>;
  for (const priority of TASK_PRIORITIES) {
    const of = tasks.filter((t) => t.priority === priority);
    rates[priority] = of.length === 0 ? null : round(of.filter(onTime).length / of.length, 3);
  }
  return rates;
}

/** Seconds each robot held a task: from `accepted` to the event that took the task off it. */
function busyTimeByRobot(result: ReplayResult): Map<string, number> {
  const busy = new Map<string, number>();
  for (const events of result.histories.values()) {
    let since: { robotId: string; at: number } | undefined;
    for (const event of events as TaskEvent[]) {
      if (event.to === 'accepted' && event.robotId) since = { robotId: event.robotId, at: event.at };
      else if (since && (event.to === 'ready' || event.to === 'completed' || event.to === 'failed' || event.to === 'cancelled')) {
        busy.set(since.robotId, (busy.get(since.robotId) ?? 0) + (event.at - since.at) / 1000);
        since = undefined;
      }
    }
    if (since) busy.set(since.robotId, (busy.get(since.robotId) ?? 0) + (result.endMs - since.at) / 1000);
  }
  return busy;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
