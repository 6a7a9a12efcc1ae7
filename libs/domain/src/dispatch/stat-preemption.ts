import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import { canDo, type Robot } from '../robot/robot';
import type { Task } from '../task/task';
import { feasibleFinishS, type Slot, type TaskFacts } from './cost-model';
import type { DispatchConfig, DispatchDecision } from './dispatch-policy';
import { type PlanningRobot, SETTLE_S } from './fleet-state';

/**
 * Whether a robot may be taken off its task for a stat one: only routine work; a transport only before anything is on
 * board (its robot reports an empty load — a robot that does not report loads is never taken off one) and while no
 * action runs; a visit at any time; and only a task not preempted or retried before (attempt 1), so no task is pushed
 * back twice.
 */
export function preemptable(task: Task, robot: Robot): boolean {
  if (task.priority !== 'routine' || task.attempt > 1) return false;
  if (task.status !== 'accepted' && task.status !== 'in-progress') return false;
  // a visit can be interrupted even during its action (a companion call ends and is booked again)
  if (task.spec.kind === 'visit') return robot.loaded !== true;
  return robot.loaded === false && !robot.working;
}

export interface StatNeed {
  readonly task: Task;
  /** The task's facts at a robot speed (undefined: its stops are not joined). */
  readonly factsAt: (speed: number) => TaskFacts | undefined;
  /** Seconds from now the plan finishes it without preemption (Infinity when the plan has no robot for it). */
  readonly plannedFinishS: number;
  /** The free robot the plan sends to it now, if any: released when a preemption takes the task over. */
  readonly plannedRobot?: PlanningRobot;
  /** Robots kept off the task (they gave it up, or its order is over their limits): none is preempted or freed for it. */
  readonly avoided?: ReadonlySet<string>;
}

/** A stat task given to a free robot another stat task's preemption released (instead of preempting a second one). */
export interface StatReassignment {
  readonly task: Task;
  readonly robot: PlanningRobot;
  readonly finishS: number;
}

/**
 * For each stat task (most urgent first) the busy robot that, taken off preemptable work, would finish it soonest —
 * when that beats the plan by more than `marginS`. Its order is cancelled; its current task goes back to the queue once
 * the robot confirms the cancel (or completes, if the robot finished it anyway — DispatchService.preempt); the stat
 * task is given out by a later round, once the robot stands (see SETTLE_S).
 *
 * A free robot the plan had for a stat task that a preemption takes over is released; another stat task it would do
 * sooner than its own plan goes to it (`reassigned`) — and is then preempted for only if a busy robot beats that by
 * the margin too, so no second routine task is cancelled for work a free robot can do. (The stat tasks the plan gives
 * a free robot are looked at first, so that what they release is known to the others.)
 */
export function statPreemptions(
  needs: readonly StatNeed[],
  fleet: readonly PlanningRobot[],
  tasks: ReadonlyMap<string, Task>,
  facility: Facility,
  config: Required<DispatchConfig>,
  marginS: number,
): { decisions: DispatchDecision[]; robots: Set<PlanningRobot>; reassigned: StatReassignment[] } {
  const decisions: DispatchDecision[] = [];
  const used = new Set<PlanningRobot>();
  const reassigned: StatReassignment[] = [];
  if (needs.length === 0) return { decisions, robots: used, reassigned };
  const slotAt = (robot: PlanningRobot, freeInS: number): Slot => ({
    robot,
    freeInS,
    freeAt: robot.robot.lastNodeId!,
    vertex: routerFor(facility).vertexOf(robot.robot.lastNodeId!),
    battery: robot.robot.battery,
    workAboveMeanS: 0,
  });
  /** Free robots released by a preemption, not given another stat task yet. */
  const released: PlanningRobot[] = [];
  // the robots that could be taken off their work at all, in fleet order, each as it would be free once it stands: the
  // same for every stat task (a round at scale weighs every stat task against every busy robot)
  const candidates: Array<{ robot: PlanningRobot; current: Task; slot: Slot }> = [];
  for (const robot of fleet) {
    const current = robot.robot.currentTaskId === undefined ? undefined : tasks.get(robot.robot.currentTaskId);
    if (robot.available && !robot.freeNow && current && preemptable(current, robot.robot) && robot.robot.lastNodeId !== undefined) candidates.push({ robot, current, slot: slotAt(robot, SETTLE_S) });
  }
  // the stat tasks the plan gives a free robot first (urgency order within each group): a preemption for one of them
  // releases that robot, which the others can then have
  const ordered = [...needs.filter((n) => n.plannedRobot !== undefined), ...needs.filter((n) => n.plannedRobot === undefined)];
  for (const need of ordered) {
    // a released free robot that would do it sooner than the plan
    let plannedFinishS = need.plannedFinishS;
    let freed: { robot: PlanningRobot; finishS: number } | undefined;
    for (const robot of released) {
      const facts = need.factsAt(robot.robot.speed);
      if (!facts || !canDo(robot.robot, need.task.requires) || robot.robot.lastNodeId === undefined || need.avoided?.has(robot.robot.id)) continue;
      const finishS = feasibleFinishS(slotAt(robot, 0), facts, config);
      if (finishS !== undefined && finishS < plannedFinishS) {
        plannedFinishS = finishS;
        freed = { robot, finishS };
      }
    }
    let best: { robot: PlanningRobot; current: Task; finishS: number } | undefined;
    for (const { robot, current, slot } of candidates) {
      if (used.has(robot)) continue;
      const facts = need.factsAt(robot.robot.speed);
      if (!facts || !canDo(robot.robot, need.task.requires) || need.avoided?.has(robot.robot.id)) continue;
      const finishS = feasibleFinishS(slot, facts, config);
      if (finishS !== undefined && finishS + marginS < plannedFinishS && (!best || finishS < best.finishS)) best = { robot, current, finishS };
    }
    if (!best) {
      if (freed) {
        released.splice(released.indexOf(freed.robot), 1);
        reassigned.push({ task: need.task, robot: freed.robot, finishS: freed.finishS });
        // the robot the plan had for this one is released in turn
        if (need.plannedRobot) released.push(need.plannedRobot);
      }
      continue;
    }
    used.add(best.robot);
    decisions.push({ kind: 'preempt', robotId: best.robot.robot.id, taskId: best.current.id, forTaskId: need.task.id });
    if (need.plannedRobot) released.push(need.plannedRobot);
  }
  return { decisions, robots: used, reassigned };
}
