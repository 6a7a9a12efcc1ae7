import { DomainErrorCode } from '../shared/domain-error';
import { Task, TASK_STATUSES, TaskStatus } from './task';
import { canTransition, transition } from './task-state-machine';

const staff = { kind: 'staff', id: 'nurse-7' } as const;

function aTask(status: TaskStatus, overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    type: 'meal',
    priority: 'routine',
    spec: { kind: 'transport', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'drop' },
    requires: ['pick', 'drop'],
    status,
    attempt: 1,
    createdAt: 1_000,
    updatedAt: 2_000,
    ...(status === 'ready' || status === 'requested' ? {} : { robotId: 'r1' }),
    ...overrides,
  };
}

const ALLOWED: [TaskStatus, TaskStatus][] = [
  ['requested', 'ready'],
  ['requested', 'cancelled'],
  ['ready', 'accepted'],
  ['ready', 'cancelled'],
  ['accepted', 'in-progress'],
  ['accepted', 'on-hold'],
  ['accepted', 'ready'],
  ['accepted', 'failed'],
  ['accepted', 'cancelled'],
  ['in-progress', 'completed'],
  ['in-progress', 'on-hold'],
  ['in-progress', 'ready'],
  ['in-progress', 'failed'],
  ['in-progress', 'cancelled'],
  ['on-hold', 'in-progress'],
  ['on-hold', 'ready'],
  ['on-hold', 'failed'],
  ['on-hold', 'cancelled'],
];
const key = (from: TaskStatus, to: TaskStatus) => `${from}→${to}`;
const allowedKeys = new Set(ALLOWED.map(([a, b]) => key(a, b)));
const FORBIDDEN = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as [TaskStatus, TaskStatus])).filter(
  ([a, b]) => !allowedKeys.has(key(a, b)),
);

describe('task state machine', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    const { task, event } = transition(aTask(from), to, { now: 5_000, cause: staff, robotId: 'r2' });
    expect(task.status).toBe(to);
    expect(task.updatedAt).toBe(5_000);
    expect(event).toMatchObject({ taskId: 't1', at: 5_000, from, to, cause: staff });
  });

  it.each(FORBIDDEN)('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(aTask(from), to, { now: 5_000, cause: staff, robotId: 'r2' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.TaskTransitionInvalid, message: `cannot go from ${from} to ${to}` }),
    );
  });

  it('has every terminal status a dead end and nothing else', () => {
    expect(FORBIDDEN).toHaveLength(64 - ALLOWED.length);
    expect(FORBIDDEN.filter(([from]) => from === 'completed')).toHaveLength(8);
  });

  it('gives the task to the robot and counts the attempt on accepted', () => {
    const { task, event } = transition(aTask('ready', { attempt: 2 }), 'accepted', { now: 5_000, cause: { kind: 'system' }, robotId: 'r2' });
    expect(task).toMatchObject({ robotId: 'r2', attempt: 3 });
    expect(event.robotId).toBe('r2');
  });

  it('refuses accepted without a robot', () => {
    expect(() => transition(aTask('ready'), 'accepted', { now: 5_000, cause: { kind: 'system' } })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.TaskTransitionInvalid }),
    );
  });

  it('stamps startedAt the first time work begins and keeps it across a re-queue', () => {
    const first = transition(aTask('accepted'), 'in-progress', { now: 5_000, cause: { kind: 'robot' } }).task;
    expect(first.startedAt).toBe(5_000);
    const requeued = transition(first, 'ready', { now: 6_000, cause: { kind: 'system' }, reason: 'robot went offline' });
    expect(requeued.task).toMatchObject({ status: 'ready', startedAt: 5_000, attempt: 1, statusReason: 'robot went offline' });
    expect(requeued.task.robotId).toBeUndefined();
    expect('robotId' in requeued.task).toBe(false);
    expect(requeued.event).toMatchObject({ robotId: 'r1', detail: 'robot went offline' });
    const again = transition(transition(requeued.task, 'accepted', { now: 7_000, cause: { kind: 'system' }, robotId: 'r3' }).task, 'in-progress', {
      now: 8_000,
      cause: { kind: 'robot' },
    });
    expect(again.task).toMatchObject({ startedAt: 5_000, attempt: 2, robotId: 'r3' });
    expect(again.task.statusReason).toBeUndefined();
  });

  it.each<[TaskStatus, TaskStatus]>([
    ['in-progress', 'completed'],
    ['on-hold', 'failed'],
    ['ready', 'cancelled'],
  ])('stamps finishedAt on %s → %s', (from, to) => {
    const { task } = transition(aTask(from), to, { now: 9_000, cause: staff, reason: 'why' });
    expect(task.finishedAt).toBe(9_000);
  });

  it('keeps the reason of a hold for staff, taken from the cause when not given', () => {
    const { task } = transition(aTask('in-progress'), 'on-hold', { now: 9_000, cause: { kind: 'robot', id: 'r1', reason: 'waiting for nurse' } });
    expect(task.statusReason).toBe('waiting for nurse');
  });
});
