import { loadFacility } from '../facility/facility-loader';
import { DomainErrorCode } from '../shared/domain-error';
import { createTask } from '../task/task-factory';
import type { NewTaskInput, Task } from '../task/task';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import { occurrenceTask, validateCarePlan, type CarePlan } from './care-plan';
import { forFleetDispatch, deferredByQuietHours } from './quiet-hours-rule';
import { dischargeResident, placeResident } from './resident';
import { claim, completeByStaff, escalateToStaff, handBack, release } from './staff-queue';
import { validateWard, type Ward } from './ward';

const facility = loadFacility(smallFacilityJson());
const T0 = Date.parse('2026-01-12T12:00:00+01:00');
const ward: Ward = { id: 'w1', name: 'Ward 1', rooms: ['101'], stationNode: 'H1' };
const system = { kind: 'system', id: 'escalation' } as const;

function task(input: Partial<NewTaskInput> = {}, now = T0): Task {
  return createTask({ type: 'meal', priority: 'routine', from: 'K', to: 'R1', ...input }, { id: 't1', now, facility }).task;
}

describe('wards and residents', () => {
  it('a ward holds known rooms that no other ward has', () => {
    expect(validateWard({ ...ward, name: ' Ward 1 ' }, facility, []).name).toBe('Ward 1');
    expect(() => validateWard({ id: 'w2', name: 'B', rooms: ['101', '999'] }, facility, [ward])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.CareInvalid, details: ['rooms: room "101" already belongs to ward "w1"', 'rooms: unknown room "999"'] }),
    );
  });

  it('a resident takes a free bed of a room of a ward; the ward follows from the room', () => {
    const context = { facility, wards: [ward], residents: [] };
    const anna = placeResident('r1', { displayName: 'Anna', roomId: '101', bed: 1, careLevel: 'assisted', flags: ['fall-risk', 'bed-bound', 'fall-risk'] }, context, T0);
    expect(anna).toMatchObject({ wardId: 'w1', flags: ['bed-bound', 'fall-risk'], status: 'active' });
    expect(() => placeResident('r2', { displayName: 'Jan', roomId: '101', bed: 1, careLevel: 'assisted' }, { ...context, residents: [anna] }, T0)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.CareConflict }),
    );
    expect(() => placeResident('r2', { displayName: 'Jan', roomId: '101', bed: 3, careLevel: 'assisted' }, context, T0)).toThrow(/beds 1–2/);
    expect(() => placeResident('r2', { displayName: 'Jan', roomId: '201', bed: 1, careLevel: 'assisted' }, context, T0)).toThrow(/belongs to no ward/);
  });
});

describe('care plan occurrences become tasks', () => {
  const resident = placeResident('r1', { displayName: 'Anna', roomId: '101', bed: 1, careLevel: 'assisted' }, { facility, wards: [ward], residents: [] }, T0);
  const plan: CarePlan = {
    id: 'p1', title: 'Vitals', residentId: 'r1', rrule: 'FREQ=DAILY;BYHOUR=8', startsOn: '2026-01-01', leadMin: 15, windowMin: 60,
    activity: { type: 'vitals', priority: 'routine', atNode: '@room', action: 'measureVitals' }, active: true, version: 1, createdAt: T0, updatedAt: T0,
  };

  it('resolves @room to the resident room node and windows the task around the occurrence; no name anywhere', () => {
    const at = Date.parse('2026-01-13T08:00:00+01:00');
    const input = occurrenceTask(plan, { key: '2026-01-13T08:00', at }, { resident, ward }, facility);
    expect(input).toMatchObject({ atNode: 'R1', action: 'measureVitals', earliestStart: at - 15 * 60_000, deadline: at + 3_600_000, residentId: 'r1', wardId: 'w1', carePlanId: 'p1' });
    expect(JSON.stringify(input)).not.toContain('Anna');
  });

  it('refuses @room on a ward plan and unknown nodes', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    expect(() => validateCarePlan({ ...input, residentId: undefined, wardId: 'w1' }, { ward }, facility)).toThrow(/@room needs a resident/);
    expect(() => validateCarePlan({ ...input, activity: { ...input.activity, atNode: 'NOPE' } }, { resident, ward }, facility)).toThrow(/unknown node "NOPE"/);
  });

  it('refuses a transport whose from and to are one node once placeholders are resolved, before the plan is kept', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    const transport = (from: string, to: string) => ({ ...input, activity: { type: 'meal', priority: 'routine' as const, from, to } });
    expect(() => validateCarePlan(transport('K', 'K'), { resident, ward }, facility)).toThrow(/activity.to: is the same node as from \("K" for this resident\)/);
    expect(() => validateCarePlan(transport('@room', 'R1'), { resident, ward }, facility)).toThrow(/same node as from \("R1"/);
    expect(validateCarePlan(transport('K', '@room'), { resident, ward }, facility).activity).toMatchObject({ from: 'K', to: '@room' });
  });

  it('refuses an activity whose task would be refused, as the activity\'s problem, before the plan is kept (was kept, then failed every roll)', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    const noService = { ...input, activity: { ...input.activity, serviceS: null as unknown as number } };
    expect(() => validateCarePlan(noService, { resident, ward }, facility)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.CareInvalid, details: ['activity.serviceS: must be a non-negative number'] }),
    );
    expect(() => validateCarePlan({ ...input, activity: { ...input.activity, type: 'vitals', requires: [''] } }, { resident, ward }, facility)).toThrow(
      /activity.requires: must list non-empty action types/,
    );
  });

  it('refuses a plan for a discharged resident, saying so', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    expect(() => validateCarePlan(input, { resident: dischargeResident(resident, T0), ward }, facility)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.CareInvalid, details: ['residentId: resident r1 was discharged; a plan for them would raise no task'] }),
    );
  });

  it('refuses a schedule with no occurrence from today on: an UNTIL or COUNT that has run out', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    const context = { now: T0, fleet: [] };
    expect(() => validateCarePlan({ ...input, rrule: 'FREQ=DAILY;BYHOUR=8;UNTIL=20260105T000000Z' }, { resident, ward }, facility, context)).toThrow(
      'rrule: no occurrence from 2026-01-12 to 2027-01-12: the plan would never raise a task',
    );
    expect(validateCarePlan(input, { resident, ward }, facility, context).rrule).toBe('FREQ=DAILY;BYHOUR=8');
  });

  it('refuses a robot activity no robot of the fleet can do, as POST /api/tasks does; a staff activity or a fleet with no robot yet is not asked', () => {
    const { id: _id, active: _a, version: _v, createdAt: _c, updatedAt: _u, ...input } = plan;
    const moon = { ...input, activity: { ...input.activity, action: 'measureVitals', requires: ['flyToMoon'] } };
    const fleet = [aRobot({ id: 'r1', actions: ['pick', 'drop', 'measureVitals'] })];
    expect(() => validateCarePlan(moon, { resident, ward }, facility, { now: T0, fleet })).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.NoCapableRobot,
        target: 'activity.requires',
        message: 'activity.requires: no robot of the fleet can do every action of [measureVitals, flyToMoon]; actions the fleet has: drop, measureVitals, pick',
      }),
    );
    expect(validateCarePlan(input, { resident, ward }, facility, { now: T0, fleet }).activity.requires).toBeUndefined();
    expect(validateCarePlan({ ...moon, activity: { ...moon.activity, performer: 'staff' } }, { resident, ward }, facility, { now: T0, fleet }).title).toBe('Vitals');
    expect(validateCarePlan(moon, { resident, ward }, facility, { now: T0, fleet: [] }).title).toBe('Vitals');
  });
});

describe('staff queue', () => {
  it('escalates a ready robot task with its reason, then a claim, completion by the claimer only', () => {
    const escalated = escalateToStaff(task(), 'no-capable-robot', { now: T0 + 1, cause: system });
    expect(escalated.task).toMatchObject({ status: 'ready', performer: 'staff', escalation: { reason: 'no-capable-robot', at: T0 + 1 } });
    expect(escalated.events).toEqual([expect.objectContaining({ from: 'ready', to: 'ready', detail: 'to staff: no robot of the fleet can do it' })]);
    const claimed = claim(escalated.task, 'ewa', T0 + 2).task;
    expect(claimed).toMatchObject({ status: 'accepted', staffId: 'ewa', attempt: 0 });
    expect(() => claim(claimed, 'jan', T0 + 3)).toThrow(expect.objectContaining({ code: DomainErrorCode.CareConflict }));
    expect(() => completeByStaff(claimed, 'jan', T0 + 3)).toThrow(/claimed by someone else/);
    const done = completeByStaff(claimed, 'ewa', T0 + 4);
    expect(done.task).toMatchObject({ status: 'completed', staffId: 'ewa' });
    expect(done.events.map((e) => e.to)).toEqual(['in-progress', 'completed']);
  });

  it('escalates a robot task under way (the robot let go), and release puts a claimed task back in the ward queue', () => {
    const { task: accepted } = (() => {
      const t = task();
      return { task: { ...t, status: 'in-progress' as const, robotId: 'acme:1', attempt: 1 } };
    })();
    const escalated = escalateToStaff(accepted, 'robot-failed', { now: T0 + 1, cause: system, detail: 'drop failed' });
    expect(escalated.task).toMatchObject({ status: 'ready', performer: 'staff', statusReason: 'to staff: a robot could not finish it (drop failed)' });
    expect(escalated.task.robotId).toBeUndefined();
    const released = release(claim(escalated.task, 'ewa', T0 + 2).task, 'ewa', T0 + 3);
    expect(released.task).toMatchObject({ status: 'ready', performer: 'staff' });
    expect(released.task.staffId).toBeUndefined();
  });

  it('hands back to the fleet only when a robot can do it; the escalation stays as a record', () => {
    const escalated = escalateToStaff(task(), 'deadline-at-risk', { now: T0 + 1, cause: system }).task;
    expect(() => handBack(escalated, 'ewa', [aRobot({ id: 'r', actions: ['measureVitals'] })], T0 + 2)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.NoCapableRobot }),
    );
    const back = handBack(escalated, 'ewa', [aRobot({ id: 'r' })], T0 + 2).task;
    expect(back.performer).toBeUndefined();
    expect(back).toMatchObject({ status: 'ready', escalation: { reason: 'deadline-at-risk' } });
  });

  it('a staff-only task goes straight to the queue and cannot be escalated again', () => {
    const staffOnly = task({ performer: 'staff', from: undefined, to: undefined, atNode: 'R1', action: 'reposition' });
    expect(staffOnly.performer).toBe('staff');
    expect(() => escalateToStaff(staffOnly, 'robot-failed', { now: T0, cause: system })).toThrow(/already with staff/);
  });
});

describe('quiet hours hold back non-urgent tasks into resident rooms', () => {
  const night = Date.parse('2026-01-12T23:30:00+01:00');
  const day = Date.parse('2026-01-12T14:00:00+01:00');

  it.each([
    ['routine into a room at night', { priority: 'routine' }, night, true],
    ['routine into a room by day', { priority: 'routine' }, day, false],
    ['urgent into a room at night', { priority: 'urgent' }, night, false],
    ['stat into a room at night', { priority: 'stat' }, night, false],
    ['routine elsewhere at night', { to: 'B' }, night, false],
    ['routine picked up in a room at night', { from: 'R1', to: 'K' }, night, true],
  ] as const)('%s', (_name, input, now, deferred) => {
    expect(deferredByQuietHours(task(input as Partial<NewTaskInput>, T0 - 86_400_000), facility, now)).toBe(deferred);
  });

  it('quiet hours end at 06:00 local time (CET), start inclusive, end exclusive', () => {
    const t = task({}, T0 - 86_400_000);
    expect(deferredByQuietHours(t, facility, Date.parse('2026-01-13T05:59:00+01:00'))).toBe(true);
    expect(deferredByQuietHours(t, facility, Date.parse('2026-01-13T06:00:00+01:00'))).toBe(false);
    expect(deferredByQuietHours(t, facility, Date.parse('2026-01-12T22:00:00+01:00'))).toBe(true);
  });

  it('the fleet plans neither staff-queue tasks nor deferred ones, but keeps the work robots are on', () => {
    const deferred = { ...task(), id: 'deferred' };
    const onTheWay = { ...task(), id: 'busy', status: 'in-progress' as const, robotId: 'acme:1' };
    const withStaff = { ...escalateToStaff({ ...task(), id: 'staff' }, 'robot-failed', { now: T0, cause: system }).task };
    const urgent = { ...task({ priority: 'urgent' }), id: 'urgent' };
    expect(forFleetDispatch([deferred, onTheWay, withStaff, urgent], facility, night).map((t) => t.id)).toEqual(['busy', 'urgent']);
  });
});
