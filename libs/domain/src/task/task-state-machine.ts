import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { Cause, isTerminal, Task, TaskEvent, TaskStatus } from './task';

/**
 * Allowed moves of the job lifecycle. `ready` from accepted/in-progress/on-hold re-queues a task whose robot dropped
 * or refused it; the dispatcher gives it out again (attempt counts only what goes to `accepted`).
 */
const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  requested: ['ready', 'cancelled'],
  ready: ['accepted', 'cancelled'],
  accepted: ['in-progress', 'on-hold', 'ready', 'failed', 'cancelled'],
  'in-progress': ['completed', 'on-hold', 'ready', 'failed', 'cancelled'],
  'on-hold': ['in-progress', 'ready', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function allowedTransitions(from: TaskStatus): readonly TaskStatus[] {
  return NEXT[from];
}

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT[from].includes(to);
}

export interface TransitionOptions {
  /** Epoch ms. */
  readonly now: number;
  readonly cause: Cause;
  /** Required when going to `accepted`: the robot the task is given to (or `staffId`, for the staff queue). */
  readonly robotId?: string;
  /** The staff member who claims a task of the staff queue (accepted), kept until it is re-queued. */
  readonly staffId?: string;
  /** Why, for staff: kept as `statusReason` on on-hold, ready (re-queue), failed and cancelled. */
  readonly reason?: string;
}

const KEEPS_REASON: readonly TaskStatus[] = ['on-hold', 'ready', 'failed', 'cancelled'];

/**
 * Moves a task to `to`, returning the new task and the event to store with it.
 * Sets `updatedAt`; `attempt + 1` and `robotId` on accepted; `startedAt` the first time it goes in-progress (kept
 * across re-queues, so it says when work first began); `finishedAt` on a terminal status; clears `robotId` on a
 * re-queue. The event names the robot involved (for a re-queue, the one that dropped it).
 * @throws DomainError(TaskTransitionInvalid)
 */
export function transition(task: Task, to: TaskStatus, options: TransitionOptions): { task: Task; event: TaskEvent } {
  if (!canTransition(task.status, to)) {
    throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `cannot go from ${task.status} to ${to}`, task.id);
  }
  const robotId = nextRobotId(task, to, options);
  const reason = options.reason ?? options.cause.reason;
  const next: Task = {
    ...task,
    status: to,
    robotId,
    staffId: to === 'accepted' ? options.staffId : to === 'ready' ? undefined : task.staffId,
    attempt: to === 'accepted' && robotId !== undefined ? task.attempt + 1 : task.attempt,
    updatedAt: options.now,
    startedAt: to === 'in-progress' ? (task.startedAt ?? options.now) : task.startedAt,
    finishedAt: isTerminal(to) ? options.now : task.finishedAt,
    statusReason: KEEPS_REASON.includes(to) ? reason : undefined,
  };
  const event: TaskEvent = {
    taskId: task.id,
    at: options.now,
    from: task.status,
    to,
    cause: options.cause,
    ...((robotId ?? task.robotId) !== undefined ? { robotId: robotId ?? task.robotId } : {}),
    ...(reason !== undefined ? { detail: reason } : {}),
  };
  return { task: withoutUndefined(next), event };
}

function nextRobotId(task: Task, to: TaskStatus, options: TransitionOptions): string | undefined {
  if (to === 'accepted') {
    if (!options.robotId && options.staffId) return undefined;
    if (!options.robotId) {
      throw new DomainError(DomainErrorCode.TaskTransitionInvalid, 'a task is accepted only by a named robot', task.id);
    }
    return options.robotId;
  }
  return to === 'ready' ? undefined : task.robotId;
}

/** Keeps optional fields absent rather than present-and-undefined, so stored and compared tasks look alike. */
function withoutUndefined(task: Task): Task {
  return Object.fromEntries(Object.entries(task).filter(([, v]) => v !== undefined)) as unknown as Task;
}
