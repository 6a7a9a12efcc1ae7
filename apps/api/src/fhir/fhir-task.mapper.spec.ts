import { createTask, loadFacility, transition, type Cause, type Task, type TaskEvent } from '@opiekun/domain';
import { smallFacilityJson } from '../../../../libs/domain/src/testing/small-facility.fixture';
import { FhirSchemaValidator } from './fhir-schema.validator';
import { matchesSearch, parseFhirTaskSearch } from './fhir-task-search';
import { attemptsOf, parseTaskResourceId, toFhirAttempt, toFhirTask } from './fhir-task.mapper';

const facility = loadFacility(smallFacilityJson());
const validator = new FhirSchemaValidator();
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const SYSTEM: Cause = { kind: 'system' };
const ROBOT: Cause = { kind: 'robot', id: 'Acme:R-1' };

/** A meal for resident res-1 in room 101: robot Acme:R-1 drops it (re-queued), Acme:R-2 delivers it. */
function deliveredTwice(): { task: Task; history: TaskEvent[] } {
  const created = createTask({ type: 'meal', priority: 'asap', from: 'K', to: 'R1', residentId: 'res-1', wardId: 'w1', deadline: T0 + 3_600_000 }, { id: 'task-1', now: T0, facility });
  const history: TaskEvent[] = [...created.events];
  let task = created.task;
  const step = (to: Task['status'], at: number, extra: { robotId?: string; reason?: string; cause?: Cause } = {}) => {
    const next = transition(task, to, { now: T0 + at, cause: extra.cause ?? SYSTEM, robotId: extra.robotId, reason: extra.reason });
    task = next.task;
    history.push(next.event);
  };
  step('accepted', 1_000, { robotId: 'Acme:R-1' });
  step('in-progress', 2_000, { cause: ROBOT });
  step('ready', 60_000, { cause: ROBOT, reason: 'action pick FAILED' });
  step('accepted', 61_000, { robotId: 'Acme:R-2' });
  step('in-progress', 62_000, { cause: ROBOT });
  step('completed', 300_000, { cause: ROBOT });
  return { task, history };
}

describe('FHIR R4 Task mapping', () => {
  it('maps a job to a valid R4 Task: status, intent, priority, Patient reference without a name, location, owner, periods', () => {
    const { task } = deliveredTwice();
    const resource = toFhirTask(task, facility);
    expect(validator.problems(resource)).toEqual([]);
    expect(resource).toMatchObject({
      resourceType: 'Task',
      id: 'task-1',
      status: 'completed',
      intent: 'order',
      priority: 'asap',
      for: { reference: 'Patient/res-1' },
      location: { reference: 'Location/101' },
      owner: { reference: 'Device/Acme-R-2', identifier: { value: 'Acme:R-2' } },
      authoredOn: new Date(T0).toISOString(),
      lastModified: new Date(T0 + 300_000).toISOString(),
      executionPeriod: { start: new Date(T0 + 2_000).toISOString(), end: new Date(T0 + 300_000).toISOString() },
      restriction: { period: { end: new Date(T0 + 3_600_000).toISOString() } },
      code: { coding: [{ code: 'meal' }] },
    });
    expect(resource.for?.display).toBeUndefined();
  });

  it('turns each robot attempt into a child Task partOf the job: the dropped one failed, the job not', () => {
    const { task, history } = deliveredTwice();
    const attempts = attemptsOf(task, history);
    expect(attempts.map((a) => [a.number, a.robotId, a.status])).toEqual([
      [1, 'Acme:R-1', 'failed'],
      [2, 'Acme:R-2', 'completed'],
    ]);
    const first = toFhirAttempt(task, attempts[0]!, facility);
    expect(validator.problems(first)).toEqual([]);
    expect(first).toMatchObject({
      id: 'task-1-attempt-1',
      partOf: [{ reference: 'Task/task-1' }],
      status: 'failed',
      statusReason: { text: 'action pick FAILED' },
      owner: { reference: 'Device/Acme-R-1' },
      executionPeriod: { start: new Date(T0 + 1_000).toISOString(), end: new Date(T0 + 60_000).toISOString() },
    });
    expect(parseTaskResourceId(first.id!)).toEqual({ taskId: 'task-1', attempt: 1 });
  });

  it('leaves an attempt open while the robot works, and gives a staff-claimed task a Practitioner owner', () => {
    const created = createTask({ type: 'reposition', priority: 'routine', atNode: 'R2', action: 'assist', performer: 'staff' }, { id: 'task-2', now: T0, facility });
    const claimed = transition(created.task, 'accepted', { now: T0 + 5, cause: { kind: 'staff', id: 'nurse-7' }, staffId: 'nurse-7' }).task;
    const resource = toFhirTask(claimed, facility);
    expect(validator.problems(resource)).toEqual([]);
    expect(resource.owner).toEqual({ reference: 'Practitioner/nurse-7', type: 'Practitioner' });
    expect(resource.for).toBeUndefined();
    expect(attemptsOf(claimed, [...created.events])).toEqual([]);
  });

  it('the validator refuses what R4 refuses (a status outside the value set, an unknown member)', () => {
    const { task } = deliveredTwice();
    expect(validator.problems({ ...toFhirTask(task, facility), status: 'done' } as never).join()).toMatch(/status/);
    expect(validator.problems({ ...toFhirTask(task, facility), robot: 'x' } as never).join()).toMatch(/additional/);
    expect(validator.problems({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Task', status: 'done', intent: 'order' } }] } as never).length).toBeGreaterThan(0);
  });
});

describe('FHIR Task search parameters', () => {
  const task = deliveredTwice().task;

  it('reads status lists, _lastUpdated ranges with prefixes, owner and _count', () => {
    const search = parseFhirTaskSearch({ status: 'ready,completed', _lastUpdated: ['ge2026-11-23T08:00:00Z', 'lt2026-11-23T09:00:00Z'], owner: 'Device/Acme-R-2', _count: '10' });
    expect(search.status).toEqual(['ready', 'completed']);
    expect(search.count).toBe(10);
    expect(matchesSearch(task, search)).toBe(true);
    expect(matchesSearch(task, { ...search, owner: { kind: 'Device', id: 'Acme:R-1' } })).toBe(false);
    expect(matchesSearch(task, parseFhirTaskSearch({ _lastUpdated: `gt${new Date(task.updatedAt).toISOString()}` }))).toBe(false);
    expect(matchesSearch(task, parseFhirTaskSearch({ _lastUpdated: `le${new Date(task.updatedAt).toISOString()}` }))).toBe(true);
    expect(matchesSearch(task, parseFhirTaskSearch({ _lastUpdated: 'lt2026-11-23' }))).toBe(false);
  });

  it('refuses what it does not understand, naming the parameter', () => {
    expect(() => parseFhirTaskSearch({ status: 'done' })).toThrow(/status/);
    expect(() => parseFhirTaskSearch({ _lastUpdated: '2026-11-23' })).toThrow(/_lastUpdated/);
    expect(() => parseFhirTaskSearch({ owner: 'Patient/x' })).toThrow(/owner/);
    expect(() => parseFhirTaskSearch({ code: 'meal' })).toThrow(/code/);
  });
});
