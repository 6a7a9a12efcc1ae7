import type { Facility } from '../facility/facility-graph';
import { isWithinQuietHours, parseQuietHours } from '../facility/quiet-hours';
import { priorityRank, taskStops, type Task } from '../task/task';

const URGENT = priorityRank('urgent');

/**
 * Quiet hours (facility zones): a task below `urgent` whose stops include a node of a zone that is in its quiet hours
 * now waits until they end. Urgent, asap and stat tasks go at once. A zone without (or with unreadable) quiet hours
 * never defers anything.
 */
export function deferredByQuietHours(task: Task, facility: Facility, now: number): boolean {
  if (priorityRank(task.priority) >= URGENT) return false;
  return taskStops(task.spec).some(({ node }) =>
    facility.zonesOf(node).some((zone) => {
      const window = zone.quietHours === undefined ? undefined : parseQuietHours(zone.quietHours);
      return window !== undefined && isWithinQuietHours(window, now, facility.timezone);
    }),
  );
}

/**
 * What the fleet's dispatch policy may plan now: every task except those of the staff queue, and except ready tasks
 * that quiet hours hold back. Tasks robots already work on stay, so the policy still counts their work.
 */
export function forFleetDispatch(tasks: readonly Task[], facility: Facility, now: number): Task[] {
  return tasks.filter((task) => task.performer !== 'staff' && !(task.status === 'ready' && deferredByQuietHours(task, facility, now)));
}
