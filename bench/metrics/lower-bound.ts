import { routerFor, scenarioTaskInput, TASK_PRIORITIES, type Facility, type Scenario, type ScenarioTask, type TaskPriority } from '@opiekun/domain';
import { DEFAULT_ACTION_DURATIONS_S, DEFAULT_OTHER_ACTION_S } from '@opiekun/robot-sim';
import type { PriorityRates } from './shift-metrics';
import { mean, percentile, round } from './statistics';

/** The figures a bound can have: no one waits, nothing is contended. */
export interface LowerBoundMetrics {
  readonly tasks: number;
  readonly tasksCompleted: number;
  readonly meanWaitS: number;
  readonly p95WaitS: number;
  readonly meanCompletionS: number;
  readonly p95CompletionS: number;
  readonly onTimeRate: PriorityRates;
  readonly statMaxWaitS: number;
  /** Stat tasks late even alone in the building (their own legs and actions outlast their deadline). */
  readonly statLate: number;
  readonly distanceM: number;
  /**
   * Mean completion if a capable robot already stood at every task's first stop when it was raised: the tasks' own
   * legs and actions only. The bound above counts the drive from where the fleet starts the shift, which a dispatcher
   * that parks idle robots where work starts can beat on single tasks; this one nothing can beat.
   */
  readonly strictMeanCompletionS: number;
}

/**
 * A bound on completion time that no dispatcher can beat on its own merits: each task, alone in the building, is
 * done by the capable robot that would finish it first from where the fleet starts the shift (its start node) —
 * no queue, no other task, no elevator queue, no wait — so its time is the fastest route to its first stop, the route
 * between its stops and the vehicle's own duration of every action (robot-sim's table). Strictly it bounds the
 * contention-free case: a robot that happens to stand at a pick-up when a task arrives can do better on that task,
 * hence also `strictMeanCompletionS`, which leaves out the drive to the first stop.
 */
export function lowerBound(scenario: Scenario, facility: Facility): LowerBoundMetrics {
  const router = routerFor(facility);
  const bounds = scenario.tasks.map((task) => {
    const stops = stopsOf(task);
    let best = { seconds: Infinity, metres: 0, ownS: Infinity };
    for (const robot of scenario.robots) {
      if (!task.requires.every((a) => robot.actions.includes(a))) continue;
      let seconds = 0;
      let metres = 0;
      let at = robot.start;
      let approachS = 0;
      for (const [i, stop] of stops.entries()) {
        const legS = router.travelTimeS(stop.node, at, robot.speed);
        if (i === 0) approachS = legS;
        seconds += legS + actionSeconds(stop.action);
        metres += router.distanceM(stop.node, at, robot.speed);
        at = stop.node;
      }
      const ownS = Math.min(best.ownS, seconds - approachS);
      best = seconds < best.seconds ? { seconds, metres, ownS } : { ...best, ownS };
    }
    const deadline = scenarioTaskInput(scenario, task).input.deadline;
    const createdAt = scenarioTaskInput(scenario, task).at;
    return { task, ...best, onTime: deadline === undefined || createdAt + best.seconds * 1000 <= deadline };
  });
  const done = bounds.filter((b) => b.seconds < Infinity);
  const completions = done.map((b) => b.seconds);
  const rates = {} as Record<TaskPriority, number | null>;
  // over the tasks some robot can do, as the policies' rates are over the tasks they were given (the replay refuses
  // the others at creation)
  for (const priority of TASK_PRIORITIES) {
    const of = done.filter((b) => b.task.priority === priority);
    rates[priority] = of.length === 0 ? null : round(of.filter((b) => b.onTime).length / of.length, 3);
  }
  return {
    tasks: scenario.tasks.length,
    tasksCompleted: done.length,
    meanWaitS: 0,
    p95WaitS: 0,
    meanCompletionS: round(mean(completions), 1),
    p95CompletionS: round(percentile(completions, 95), 1),
    onTimeRate: rates,
    statMaxWaitS: 0,
    statLate: done.filter((b) => b.task.priority === 'stat' && !b.onTime).length,
    distanceM: Math.round(done.reduce((a, b) => a + b.metres, 0)),
    strictMeanCompletionS: round(mean(done.map((b) => b.ownS)), 1),
  };
}

function stopsOf(task: ScenarioTask): { node: string; action: string }[] {
  return task.atNode !== undefined
    ? [{ node: task.atNode, action: task.action! }]
    : [
        { node: task.from!, action: task.pickAction ?? 'pick' },
        { node: task.to!, action: task.dropAction ?? 'drop' },
      ];
}

function actionSeconds(type: string): number {
  return DEFAULT_ACTION_DURATIONS_S[type] ?? DEFAULT_OTHER_ACTION_S;
}
