import { canDo, type Robot } from '../robot/robot';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { isTerminal, type Cause, type EscalationReason, type Task, type TaskEvent } from '../task/task';
import { transition } from '../task/task-state-machine';

/**
 * One task flow for robots and people. A task with `performer: 'staff'` sits in its ward's staff queue: `ready`
 * until a staff member claims it (`accepted`, `staffId`), then `in-progress` and `completed`. Escalation moves a
 * robot's task there with its reason; handing back returns it to the fleet. Every step is a stored task event.
 */
export type Step = { task: Task; events: TaskEvent[] };

const WORDS: Readonly<Record<EscalationReason, string>> = {
  'no-capable-robot': 'no robot of the fleet can do it',
  'no-robot-available': 'every robot that could do it is offline or out of service',
  'robot-failed': 'a robot could not finish it',
  'deadline-at-risk': 'it would miss its deadline',
  'handover-missed': 'nobody confirmed the handover in time',
  'load-missed': 'nobody loaded it at the pharmacy in time',
};

export function escalationText(reason: EscalationReason, detail?: string): string {
  return `to staff: ${WORDS[reason]}${detail ? ` (${detail})` : ''}`;
}

export function isStaffTask(task: Task): boolean {
  return task.performer === 'staff';
}

/** Moves a robot's open task to the ward's staff queue (`ready`, performer staff) with why. */
export function escalateToStaff(task: Task, reason: EscalationReason, options: { now: number; cause: Cause; detail?: string }): Step {
  if (isTerminal(task.status) || isStaffTask(task)) {
    throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${task.id} is ${isStaffTask(task) ? 'already with staff' : task.status}`, 'status');
  }
  const text = escalationText(reason, options.detail);
  const base = task.status === 'ready' ? sameStatus(task, options.now, options.cause, text) : transition(task, 'ready', { now: options.now, cause: options.cause, reason: text });
  const escalation = { reason, at: options.now, ...(options.detail ? { detail: options.detail } : {}) };
  return { task: { ...base.task, performer: 'staff', escalation, statusReason: text }, events: [base.event] };
}

/** A staff member takes a task of the queue. */
export function claim(task: Task, staffId: string, now: number): Step {
  requireStaffTask(task);
  if (task.status !== 'ready') throw new DomainError(DomainErrorCode.CareConflict, `task ${task.id} is ${task.status}${task.staffId ? `, claimed by ${task.staffId}` : ''}`, 'status');
  const step = transition(task, 'accepted', { now, cause: { kind: 'staff', id: staffId, reason: 'claimed' }, staffId });
  return { task: step.task, events: [step.event] };
}

/** Done by the staff member who claimed it (or claimed and done at once, for a quick job). */
export function completeByStaff(task: Task, staffId: string, now: number, note?: string): Step {
  requireStaffTask(task);
  let current = task;
  const events: TaskEvent[] = [];
  if (current.status === 'ready') {
    const claimed = claim(current, staffId, now);
    current = claimed.task;
    events.push(...claimed.events);
  }
  requireOwner(current, staffId);
  const cause: Cause = { kind: 'staff', id: staffId, ...(note ? { reason: note } : {}) };
  if (current.status === 'accepted') {
    const started = transition(current, 'in-progress', { now, cause });
    current = started.task;
    events.push(started.event);
  }
  if (current.status !== 'in-progress') throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${task.id} is ${current.status}`, 'status');
  const done = transition(current, 'completed', { now, cause });
  return { task: done.task, events: [...events, done.event] };
}

/** The claimer gives it back to the ward's queue for someone else. */
export function release(task: Task, staffId: string, now: number, reason?: string): Step {
  requireStaffTask(task);
  requireOwner(task, staffId);
  const step = transition(task, 'ready', { now, cause: { kind: 'staff', id: staffId, reason: reason ?? 'released to the ward queue' } });
  return { task: { ...step.task, performer: 'staff', statusReason: step.task.statusReason ?? 'released' }, events: [step.event] };
}

/**
 * Back to the fleet: only when some robot of the fleet can do every action it needs. The escalation stays on the
 * task as a record, so the automatic rules do not send it straight back (only a new robot failure does).
 */
export function handBack(task: Task, staffId: string, fleet: readonly Robot[], now: number): Step {
  requireStaffTask(task);
  if (task.staffId !== undefined && task.staffId !== staffId) requireOwner(task, staffId);
  if (!fleet.some((robot) => canDo(robot, task.requires))) {
    throw new DomainError(DomainErrorCode.NoCapableRobot, `no robot of the fleet can do [${task.requires.join(', ')}]`, 'requires');
  }
  const cause: Cause = { kind: 'staff', id: staffId, reason: 'handed back to the fleet' };
  const base = task.status === 'ready' ? sameStatus(task, now, cause, cause.reason!) : transition(task, 'ready', { now, cause });
  const { performer: _staff, staffId: _claimer, statusReason: _reason, ...rest } = base.task;
  return { task: rest, events: [base.event] };
}

function requireStaffTask(task: Task): void {
  if (!isStaffTask(task)) throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${task.id} is with the fleet, not with staff`, 'performer');
  if (isTerminal(task.status)) throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${task.id} is already ${task.status}`, 'status');
}

function requireOwner(task: Task, staffId: string): void {
  if (task.staffId !== staffId) {
    throw new DomainError(DomainErrorCode.CareConflict, task.staffId ? `task ${task.id} is claimed by someone else` : `claim task ${task.id} first`, 'staffId');
  }
}

/** An event that changes who works a task but not its status (ready → ready), kept for the audit trail. */
function sameStatus(task: Task, now: number, cause: Cause, detail: string): { task: Task; event: TaskEvent } {
  return { task: { ...task, updatedAt: now }, event: { taskId: task.id, at: now, from: task.status, to: task.status, cause, detail } };
}
