import type { Robot, Task } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';

const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export const deadlineOf = (task: Task) => ms(task.deadline);
export const finishedAtOf = (task: Task) => ms(task.finishedAt);

export function isActive(task: Task): boolean {
  return task.status !== 'completed' && task.status !== 'failed' && task.status !== 'cancelled';
}

/** Still open and past its deadline. */
export function isOverdue(task: Task, now: number): boolean {
  const deadline = deadlineOf(task);
  return isActive(task) && deadline !== undefined && deadline < now;
}

/** Ended after its deadline. */
export function endedLate(task: Task): boolean {
  const deadline = deadlineOf(task);
  const finished = finishedAtOf(task);
  return task.status === 'completed' && deadline !== undefined && finished !== undefined && finished > deadline;
}

/**
 * The node that tells staff where a task is about: the resident's room when one end is a room (a meal goes TO a room,
 * a lab sample comes FROM one), else the destination.
 */
export function taskPlaceNode(task: Task, facility: FacilityIndex): string | undefined {
  if (task.kind === 'visit') return task.atNode;
  if (task.to && facility.roomAt(task.to)) return task.to;
  if (task.from && facility.roomAt(task.from)) return task.from;
  return task.to;
}

export function taskFloor(task: Task, facility: FacilityIndex): string | undefined {
  return facility.node(taskPlaceNode(task, facility))?.floor;
}

/** Nodes the task touches, in order. */
export function taskStops(task: Task): string[] {
  return (task.kind === 'visit' ? [task.atNode] : [task.from, task.to]).filter((n): n is string => n !== undefined);
}

/**
 * The stops a robot still has to reach for its task. A transport's pick-up counts as done once the robot has been
 * seen at it while the task was under way (`pickedUp`).
 */
export function remainingStops(task: Task, pickedUp: boolean): string[] {
  const stops = taskStops(task);
  return task.kind === 'transport' && pickedUp ? stops.slice(1) : stops;
}

export function robotOf(task: Task, robots: ReadonlyMap<string, Robot>): Robot | undefined {
  return task.robotId === undefined ? undefined : robots.get(task.robotId);
}
