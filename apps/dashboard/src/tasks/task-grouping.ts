import type { Task } from '../api/contract';
import { PRIORITY_RANK } from './task-priority';
import { deadlineOf, finishedAtOf } from './task-model';

export const BOARD_COLUMNS = ['waiting', 'underWay', 'needsPerson', 'doneToday'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export type TaskBoard = Record<BoardColumn, Task[]>;

/**
 * Which column a task belongs in, or undefined when it is not on today's board (ended before today). A task no robot
 * can take (the dispatcher raised "no capable robot") waits for a person, as do tasks on hold and failed ones, and a
 * task for staff (staff-only, or handed to staff) that may start by `now` — one scheduled later waits with the rest.
 */
export function columnOf(task: Task, startOfToday: number, unassignable: ReadonlySet<string>, now = Infinity): BoardColumn | undefined {
  switch (task.status) {
    case 'requested':
    case 'ready':
      if (task.performer === 'staff') return task.earliestStart !== undefined && Date.parse(task.earliestStart) > now ? 'waiting' : 'needsPerson';
      return unassignable.has(task.id) ? 'needsPerson' : 'waiting';
    case 'accepted':
    case 'in-progress':
      return 'underWay';
    case 'on-hold':
      return 'needsPerson';
    case 'failed':
      return (finishedAtOf(task) ?? Infinity) >= startOfToday ? 'needsPerson' : undefined;
    case 'completed':
    case 'cancelled':
      return (finishedAtOf(task) ?? Infinity) >= startOfToday ? 'doneToday' : undefined;
  }
}

/** Most urgent first: priority, then the earliest deadline, then the oldest. */
export function compareOpen(a: Task, b: Task): number {
  return (
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    (deadlineOf(a) ?? Infinity) - (deadlineOf(b) ?? Infinity) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt)
  );
}

/** Latest ended first. */
export function compareEnded(a: Task, b: Task): number {
  return (finishedAtOf(b) ?? 0) - (finishedAtOf(a) ?? 0);
}

export function groupTasks(tasks: Iterable<Task>, startOfToday: number, unassignable: ReadonlySet<string>, now = Infinity): TaskBoard {
  const board: TaskBoard = { waiting: [], underWay: [], needsPerson: [], doneToday: [] };
  for (const task of tasks) {
    const column = columnOf(task, startOfToday, unassignable, now);
    if (column) board[column].push(task);
  }
  board.waiting.sort(compareOpen);
  board.underWay.sort(compareOpen);
  board.needsPerson.sort(compareOpen);
  board.doneToday.sort(compareEnded);
  return board;
}
