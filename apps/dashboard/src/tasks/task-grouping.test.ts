import { aTask } from '../test/fixtures';
import { columnOf, groupTasks } from './task-grouping';

const today = Date.parse('2026-11-23T00:00:00+01:00');
const none = new Set<string>();

describe('task board grouping', () => {
  it.each([
    ['requested', 'waiting'],
    ['ready', 'waiting'],
    ['accepted', 'underWay'],
    ['in-progress', 'underWay'],
    ['on-hold', 'needsPerson'],
  ] as const)('puts a %s task under %s', (status, column) => {
    expect(columnOf(aTask({ status }), today, none)).toBe(column);
  });

  it('sends a waiting task no robot can take to a person', () => {
    const task = aTask({ status: 'ready' });
    expect(columnOf(task, today, new Set([task.id]))).toBe('needsPerson');
  });

  it('puts a task for staff (staff-only, or handed to staff) that may start now under "needs a person", one scheduled later with the waiting ones', () => {
    const now = Date.parse('2026-11-23T09:20:00+01:00');
    expect(columnOf(aTask({ status: 'ready', performer: 'staff' }), today, none, now)).toBe('needsPerson');
    expect(columnOf(aTask({ status: 'ready', performer: 'staff', earliestStart: '2026-11-23T09:00:00+01:00' }), today, none, now)).toBe('needsPerson');
    expect(columnOf(aTask({ status: 'ready', performer: 'staff', earliestStart: '2026-11-23T13:30:00+01:00' }), today, none, now)).toBe('waiting');
    expect(columnOf(aTask({ status: 'accepted', performer: 'staff', staffId: 'u1' }), today, none, now)).toBe('underWay');
    expect(columnOf(aTask({ status: 'ready', performer: 'robot' }), today, none, now)).toBe('waiting');
  });

  it('keeps ended tasks only when they ended today; failed ones need a person', () => {
    expect(columnOf(aTask({ status: 'completed', finishedAt: '2026-11-23T09:00:00+01:00' }), today, none)).toBe('doneToday');
    expect(columnOf(aTask({ status: 'cancelled', finishedAt: '2026-11-23T09:00:00+01:00' }), today, none)).toBe('doneToday');
    expect(columnOf(aTask({ status: 'failed', finishedAt: '2026-11-23T09:00:00+01:00' }), today, none)).toBe('needsPerson');
    expect(columnOf(aTask({ status: 'completed', finishedAt: '2026-11-22T23:59:00+01:00' }), today, none)).toBeUndefined();
  });

  it('orders open tasks by priority, then deadline, then age; done ones latest first', () => {
    const routineSoon = aTask({ priority: 'routine', deadline: '2026-11-23T09:00:00Z' });
    const statLate = aTask({ priority: 'stat', deadline: '2026-11-23T12:00:00Z' });
    const urgentNoDeadline = aTask({ priority: 'urgent' });
    const urgentSoon = aTask({ priority: 'urgent', deadline: '2026-11-23T08:30:00Z' });
    const doneEarly = aTask({ status: 'completed', finishedAt: '2026-11-23T08:00:00Z' });
    const doneLate = aTask({ status: 'completed', finishedAt: '2026-11-23T10:00:00Z' });
    const board = groupTasks([routineSoon, statLate, urgentNoDeadline, urgentSoon, doneEarly, doneLate], today, none);
    expect(board.waiting.map((t) => t.id)).toEqual([statLate.id, urgentSoon.id, urgentNoDeadline.id, routineSoon.id]);
    expect(board.doneToday.map((t) => t.id)).toEqual([doneLate.id, doneEarly.id]);
    expect(board.underWay).toEqual([]);
  });
});
