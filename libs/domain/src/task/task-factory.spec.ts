import { loadFacility } from '../facility/facility-loader';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { NewTaskInput } from './task';
import { createTask } from './task-factory';

const facility = loadFacility(smallFacilityJson());
const context = { id: 'task-1', now: 10_000, facility };
const meal: NewTaskInput = { type: 'meal', priority: 'urgent', from: 'K', to: 'R1' };

function problemOf(input: NewTaskInput, ctx = context): DomainError {
  try {
    createTask(input, ctx);
  } catch (e) {
    expect((e as DomainError).code).toBe(DomainErrorCode.TaskInvalid);
    return e as DomainError;
  }
  throw new Error('expected the task to be refused');
}

describe('createTask', () => {
  it('queues a transport with default pick/drop and two events', () => {
    const { task, events } = createTask(meal, { ...context, cause: { kind: 'staff', id: 'nurse-7' } });
    expect(task).toMatchObject({
      id: 'task-1',
      status: 'ready',
      attempt: 0,
      createdAt: 10_000,
      updatedAt: 10_000,
      spec: { kind: 'transport', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'drop' },
      requires: ['pick', 'drop'],
    });
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [null, 'requested'],
      ['requested', 'ready'],
    ]);
    expect(events.every((e) => e.cause.id === 'nurse-7' && e.at === 10_000)).toBe(true);
  });

  it('queues a visit and merges extra requires without duplicates', () => {
    const { task } = createTask(
      { type: 'vitals', priority: 'stat', atNode: 'R2', action: 'measureVitals', requires: ['measureVitals', 'camera'], serviceS: 120, deadline: 20_000 },
      context,
    );
    expect(task).toMatchObject({ spec: { kind: 'visit', atNode: 'R2', action: 'measureVitals' }, requires: ['measureVitals', 'camera'], serviceS: 120, deadline: 20_000 });
  });

  it.each<[string, NewTaskInput, string, string]>([
    ['an unknown from node', { ...meal, from: 'X' }, 'from', 'from: unknown node "X"'],
    ['an unknown visit node', { type: 'vitals', priority: 'routine', atNode: 'Nowhere', action: 'measureVitals' }, 'atNode', 'atNode: unknown node "Nowhere"'],
    ['a transport without to', { type: 'meal', priority: 'routine', from: 'K' }, 'to', 'to: is required'],
    ['a transport to where it starts', { ...meal, from: 'K', to: 'K' }, 'to', 'to: is the same node as from ("K")'],
    ['a visit without action', { type: 'vitals', priority: 'routine', atNode: 'R1' }, 'action', 'action: is required'],
    ['both kinds at once', { ...meal, atNode: 'R1', action: 'x' }, 'from', 'give either'],
    ['neither kind', { type: 'meal', priority: 'routine' }, 'from', 'give either'],
    ['an unknown priority', { ...meal, priority: 'whenever' as never }, 'priority', 'priority: must be one of routine, urgent, asap, stat'],
    ['an empty type', { ...meal, type: '  ' }, 'type', 'type: must be a non-empty string'],
    ['a deadline before earliestStart', { ...meal, earliestStart: 50_000, deadline: 40_000 }, 'deadline', 'deadline: must be after earliestStart'],
    ['a deadline already passed', { ...meal, deadline: 9_000 }, 'deadline', 'deadline: must be in the future'],
    ['a negative serviceS', { ...meal, serviceS: -5 }, 'serviceS', 'serviceS: must be a non-negative number'],
    ['an empty drop action', { ...meal, dropAction: '' }, 'dropAction', 'dropAction: must be a non-empty string'],
  ])('refuses %s, naming the field', (_what, input, field, message) => {
    const error = problemOf(input);
    expect(error.target).toBe(field);
    expect(error.message).toContain(message);
  });

  it('lists every problem', () => {
    const error = problemOf({ type: '', priority: 'stat', from: 'X', to: 'Y' });
    expect(error.details).toEqual(['from: unknown node "X"', 'to: unknown node "Y"', 'type: must be a non-empty string']);
  });
});
