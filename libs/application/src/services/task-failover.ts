import { canDo, isTerminal, transition, type Cause, type EscalationReason, type Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import { taskMissionId } from './mission-factory';
import type { MissionSender } from './mission-sender';
import type { DispatchTrigger } from './task.service';

export interface FailoverOptions {
  /** How many robots may try a task before it goes to staff. */
  readonly maxAttempts: number;
  /**
   * Why the robot's unfinished attempt must go to staff, never to another robot, or undefined: medication under
   * custody on board, or already handed to a nurse (see `custodyHold`).
   */
  readonly staysWithStaff?: (task: Task, robotId: string) => Promise<StaffHold | undefined>;
}

/**
 * What the task's own record says of an unfinished attempt (`FailoverOptions.staysWithStaff`): why it stays with staff
 * (no reason: it may go on as any task), and whether its load is still on the robot — which, when known, stands over
 * the watchdog's guess (`AttemptEnd.leftWithLoad`).
 */
export interface StaffHold {
  readonly reason?: string;
  /** The robot still carries what must not be left: it takes no other work until staff unload it (see endAttempt). */
  readonly loadOnBoard: boolean;
}

/**
 * Tasks in a row a robot may give up (refuse, fail, be lost with) before staff are alerted that the robot itself may
 * be at fault: one refusal is the task's or the place's, three in a row with no task done between are the robot's.
 */
export const FAILING_STREAK = 3;

/** How a robot's attempt at a task ended without finishing it. */
export interface AttemptEnd {
  /** The robot's own words where it gave any (rejection, failed action, fatal error), or what we saw. */
  readonly reason: string;
  /** The robot was lost with something on board that must not be left (medication, a lab sample). */
  readonly leftWithLoad?: boolean;
}

/** Where escalated tasks go: the ward's staff queue (StaffQueueService). Callers hold the task mutex. */
export interface StaffEscalation {
  escalate(task: Task, reason: EscalationReason, cause: Cause, detail?: string): Promise<Task>;
}

/**
 * What happens to a task when its robot says no (rejects the order, fails an action, reports a FATAL error, never
 * confirms) or is lost: it fails over to another robot — never straight back to one that already gave it up — or,
 * when no other robot can do it, after `maxAttempts` robots, or when its load must not be left, to staff with the
 * robot's reason. Bounded, never a loop. Runs in the task mutex.
 */
export class TaskFailover {
  /** Robots that gave each queued task up; dispatch keeps them off it (see `avoids`). */
  private readonly gaveUp = new Map<string, Set<string>>();
  /** Robots kept off each queued task because its order is over their limits (`keepOff`). */
  private readonly overLimits = new Map<string, Set<string>>();
  /** Tasks each robot gave up since it last finished one (FAILING_STREAK). */
  private readonly streaks = new Map<string, number>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly sender: MissionSender,
    private readonly staff: StaffEscalation,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly dispatch: DispatchTrigger,
    private readonly options: FailoverOptions,
  ) {}

  /** Whether `robotId` already gave `taskId` up, or is kept off it (keepOff). */
  avoids(taskId: string, robotId: string): boolean {
    return (this.gaveUp.get(taskId)?.has(robotId) ?? false) || (this.overLimits.get(taskId)?.has(robotId) ?? false);
  }

  /**
   * Keeps the robot off the queued task without an attempt, until its limits or its place change (`mayFitAgain`): the
   * task's order from where it is would be over what the robot can process. It is not counted as given up, and the
   * task stays as it is.
   */
  keepOff(taskId: string, robotId: string): void {
    add(this.overLimits, taskId, robotId);
  }

  /**
   * The robot declared other limits, or stands somewhere else (an order from there has another route): the tasks it was
   * kept off are open to it again, and are checked again when it is chosen.
   */
  mayFitAgain(robotId: string): void {
    if (this.overLimits.size === 0) return;
    for (const [taskId, robots] of this.overLimits) if (robots.delete(robotId) && robots.size === 0) this.overLimits.delete(taskId);
  }

  /** Robots to keep off each task, for the tasks that have any. */
  avoidance(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.overLimits.size === 0) return this.gaveUp;
    const both = new Map<string, ReadonlySet<string>>(this.gaveUp);
    for (const [taskId, robots] of this.overLimits) both.set(taskId, new Set([...(this.gaveUp.get(taskId) ?? []), ...robots]));
    return both;
  }

  /** Rebuilds who gave up which queued task from the stored history (after a restart). */
  async recover(tasks: readonly Task[]): Promise<void> {
    for (const task of tasks) {
      if (task.status !== 'ready' || task.attempt === 0 || task.performer === 'staff') continue;
      for (const event of await this.store.history(task.id)) {
        if (event.to === 'ready' && event.from !== null && event.from !== 'ready' && event.robotId) this.remember(task.id, event.robotId);
      }
    }
  }

  /** Drops what it remembers of tasks no longer queued for the fleet. */
  forgetAllBut(openTaskIds: ReadonlySet<string>): void {
    for (const map of [this.gaveUp, this.overLimits]) for (const id of map.keys()) if (!openTaskIds.has(id)) map.delete(id);
  }

  /** The robot's attempt at `task` ended unfinished: back to the queue for another robot, or to staff. */
  async endAttempt(task: Task, robotId: string, end: AttemptEnd): Promise<Task> {
    const now = this.clock.now();
    const missionId = taskMissionId(task);
    this.sender.settle(missionId);
    await this.fleet.update(
      robotId,
      (r) => (r.currentTaskId === task.id || r.missionId === missionId ? { ...r, currentTaskId: undefined, missionId: r.missionId === missionId ? undefined : r.missionId } : r),
      now,
    );
    if (isTerminal(task.status) || task.performer === 'staff') return task;
    this.remember(task.id, robotId);
    this.countGivenUp(task, robotId, end.reason, now);
    const cause: Cause = { kind: 'robot', id: robotId, reason: end.reason };
    const hold = await this.options.staysWithStaff?.(task, robotId);
    const ended: AttemptEnd = hold ? { ...end, leftWithLoad: hold.loadOnBoard } : end;
    const toStaff = hold?.reason ?? this.whyStaff(task, ended);
    const next = toStaff ? await this.staff.escalate(task, 'robot-failed', cause, `${end.reason}; ${toStaff}`) : await this.requeue(task, cause, end.reason);
    if (toStaff) {
      this.gaveUp.delete(task.id);
      this.overLimits.delete(task.id);
    }
    if (ended.leftWithLoad) await this.outOfServiceWithLoad(task, robotId, now);
    this.dispatch.request();
    return next;
  }

  /**
   * The robot still carries the task's load (medication under custody, a lab sample): freed of the task, it would be
   * given other work and drive off with it. It is taken out of service instead, and staff are told to unload it and
   * put it back in service (the dashboard's robot command).
   */
  private async outOfServiceWithLoad(task: Task, robotId: string, now: number): Promise<void> {
    await takeOutOfServiceWithLoad(this.fleet, this.notifier, robotId, task, now, {
      id: `robot-holds-load-${robotId}-${task.id}`,
      message: (name) => `Robot ${name} was taken out of service: it still carries the ${task.type} of task ${task.id}, which must not be left. Take the load out of it, then put the robot back in service.`,
    });
  }

  /** The robot finished a task: its run of tasks given up is over. */
  succeeded(robotId: string): void {
    this.streaks.delete(robotId);
  }

  /**
   * The robot gave another task up: at FAILING_STREAK in a row, staff are alerted once for the run (it keeps getting
   * work — dispatch keeps it off the tasks it gave up — until someone checks it or takes it out of service).
   */
  private countGivenUp(task: Task, robotId: string, reason: string, now: number): void {
    const streak = (this.streaks.get(robotId) ?? 0) + 1;
    this.streaks.set(robotId, streak);
    if (streak !== FAILING_STREAK) return;
    const name = this.fleet.get(robotId)?.name ?? robotId;
    this.notifier.alert({
      id: `robot-failing-${robotId}-${now}`,
      at: now,
      kind: 'robot-failing',
      severity: 'warning',
      robotId,
      taskId: task.id,
      message: `Robot ${name} gave up its last ${streak} tasks without finishing one (last: ${reason}). Check it, or take it out of service.`,
    });
  }

  private async requeue(task: Task, cause: Cause, reason: string): Promise<Task> {
    const { task: next, event } = transition(task, 'ready', { now: this.clock.now(), cause, reason });
    await this.store.save(next, [event], task.updatedAt);
    this.notifier.taskChanged(next, event);
    return next;
  }

  private whyStaff(task: Task, end: AttemptEnd): string | undefined {
    if (end.leftWithLoad) return `it carries ${task.type}, which must not be left: a person is needed where the robot was`;
    if (task.attempt >= this.options.maxAttempts) return `${task.attempt} attempts by robots`;
    const others = this.fleet.list().filter((r) => r.inService && canDo(r, task.requires) && !this.avoids(task.id, r.id));
    return others.length === 0 ? 'no other robot of the fleet can do it' : undefined;
  }

  private remember(taskId: string, robotId: string): void {
    add(this.gaveUp, taskId, robotId);
  }
}

/**
 * Takes a robot that may carry a task's load out of service (it gets no work until staff put it back) and alerts the
 * task's ward: `alert.message` gets the robot's name.
 */
export async function takeOutOfServiceWithLoad(
  fleet: FleetRegistry,
  notifier: Notifier,
  robotId: string,
  task: Pick<Task, 'id' | 'wardId'>,
  now: number,
  alert: { readonly id: string; readonly message: (robotName: string) => string },
): Promise<void> {
  const robot = await fleet.update(robotId, (r) => (r.inService ? { ...r, inService: false } : r), now, true);
  if (!robot) return;
  notifier.alert({ id: alert.id, at: now, kind: 'robot-error', severity: 'warning', robotId, taskId: task.id, wardId: task.wardId, message: alert.message(robot.name) });
}

function add(map: Map<string, Set<string>>, taskId: string, robotId: string): void {
  const set = map.get(taskId) ?? new Set<string>();
  set.add(robotId);
  map.set(taskId, set);
}

/**
 * Where a task goes when no staff queue is wired (small tests, benchmarks): it fails, with an alert to staff.
 */
export class FailWithAlert implements StaffEscalation {
  constructor(
    private readonly store: TaskStore,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  async escalate(task: Task, _reason: EscalationReason, cause: Cause, detail?: string): Promise<Task> {
    const now = this.clock.now();
    const reason = detail ?? cause.reason;
    const { task: failed, event } = transition(task, 'failed', { now, cause, reason });
    await this.store.save(failed, [event], task.updatedAt);
    this.notifier.taskChanged(failed, event);
    this.notifier.alert({ id: `failed-${task.id}`, at: now, kind: 'task-failed', severity: 'warning', taskId: task.id, robotId: task.robotId, message: `Task ${task.id} failed: ${reason ?? 'no reason given'}` });
    return failed;
  }
}
