import { loadFacility } from '../facility/facility-loader';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { createTask } from '../task/task-factory';
import { taskStops } from '../task/task';
import { patrolFindings, planPatrol } from './patrol';

/** Room 201 is marked "no camera" in the facility file. */
function facilityWithPrivateRoom() {
  const json = smallFacilityJson();
  const rooms = (json.rooms as { id: string }[]).map((r) => (r.id === '201' ? { ...r, noCamera: true } : r));
  return loadFacility({ ...json, rooms });
}

describe('night patrol (pure rules)', () => {
  const facility = facilityWithPrivateRoom();

  it('reads the no-camera room mark from the facility file, and refuses a mark that is not a boolean', () => {
    expect(facility.findRoom('201')?.noCamera).toBe(true);
    expect(facility.findRoom('101')?.noCamera).toBeUndefined();
    const json = smallFacilityJson();
    expect(() => loadFacility({ ...json, rooms: [{ id: '101', floor: 'F1', node: 'R1', beds: 2, noCamera: 'yes' }] })).toThrow(/noCamera/);
  });

  it('visits the rooms in order with a check at each, leaving out a no-camera room for staff', () => {
    const plan = planPatrol(['201', '101'], facility);
    expect(plan.stops).toEqual([{ node: 'R1', action: 'patrolCheck', roomId: '101' }]);
    expect(plan.skipped).toEqual([{ roomId: '201', reason: 'no-camera' }]);
    expect(planPatrol(['201', '101'], facility, 'presenceCheck').stops.map((s) => s.roomId)).toEqual(['201', '101']);
  });

  it('refuses unknown, repeated or only no-camera rooms', () => {
    expect(() => planPatrol(['101', 'nope'], facility)).toThrow(/unknown room "nope"/);
    expect(() => planPatrol(['101', '101'], facility)).toThrow(/twice/);
    expect(() => planPatrol(['201'], facility)).toThrow(/no camera/);
    expect(() => planPatrol([], facility)).toThrow(/at least one/);
  });

  it('makes one task through every stop, and refuses any camera action in a no-camera room', () => {
    const { task } = createTask({ type: 'patrol', priority: 'urgent', stops: [{ node: 'R1', action: 'patrolCheck' }, { node: 'R2', action: 'presenceCheck' }] }, { id: 'p1', now: 0, facility });
    expect(task.spec.kind).toBe('patrol');
    expect(taskStops(task.spec)).toEqual([{ node: 'R1', action: 'patrolCheck' }, { node: 'R2', action: 'presenceCheck' }]);
    expect(task.requires).toEqual(['patrolCheck', 'presenceCheck']);
    expect(() => createTask({ type: 'call', priority: 'routine', atNode: 'R2', action: 'telepresence' }, { id: 'v', now: 0, facility })).toThrow(/room 201 is marked no camera/);
    expect(() => createTask({ type: 'patrol', priority: 'urgent', stops: [] }, { id: 'p2', now: 0, facility })).toThrow(/at least one stop/);
  });

  it('counts as findings only the agreed notice types', () => {
    const notices = [{ type: 'fallDetected', nodeId: 'R1' }, { type: 'batteryLow' }, { type: 'patrolFinding', description: 'door open' }];
    expect(patrolFindings(notices, ['fallDetected', 'patrolFinding']).map((n) => n.type)).toEqual(['fallDetected', 'patrolFinding']);
    expect(patrolFindings(notices, ['doorOpen'])).toEqual([]);
  });
});
