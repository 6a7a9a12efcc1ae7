import type { Task, TaskPriority } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { taskFloor } from './task-model';

export interface TaskFilter {
  /** Floor id, or undefined for every floor. */
  readonly floor?: string;
  readonly type?: string;
  readonly priority?: TaskPriority;
}

export const NO_FILTER: TaskFilter = {};

export function isFiltering(filter: TaskFilter): boolean {
  return filter.floor !== undefined || filter.type !== undefined || filter.priority !== undefined;
}

export function matchesFilter(task: Task, filter: TaskFilter, facility: FacilityIndex): boolean {
  if (filter.type !== undefined && task.type !== filter.type) return false;
  if (filter.priority !== undefined && task.priority !== filter.priority) return false;
  if (filter.floor !== undefined && taskFloor(task, facility) !== filter.floor) return false;
  return true;
}

export function filterTasks(tasks: Iterable<Task>, filter: TaskFilter, facility: FacilityIndex): Task[] {
  const out: Task[] = [];
  for (const task of tasks) if (matchesFilter(task, filter, facility)) out.push(task);
  return out;
}

/** Task types to offer in the type filter: the templates' and any other type seen on the board. */
export function knownTypes(tasks: Iterable<Task>, templateTypes: readonly string[]): string[] {
  const types = new Set(templateTypes);
  for (const task of tasks) types.add(task.type);
  return [...types];
}
