import { loadFacility } from '../facility/facility-loader';
import type { Task, TaskStatus } from '../task/task';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import type { DispatchConfig } from './dispatch-policy';
import { estimateRemainingWork, estimateTrip } from './work-estimate';

const facility = loadFacility(smallFacilityJson());
const config: DispatchConfig = { batteryReserve: 20, batteryDrainPerMeter: 0.1, batteryDrainPerSecondWorking: 0.01, defaultServiceS: 30 };

// a transport K → R1 with 10 s of service; A→K 20 s, K→R1 55 s, A→R1 55 s, R1→R1 0 s
function transportTask(status: TaskStatus): Task {
  return {
    id: 't',
    type: 'meal',
    priority: 'routine',
    spec: { kind: 'transport', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'drop' },
    requires: ['pick', 'drop'],
    serviceS: 10,
    status,
    robotId: 'r1',
    attempt: 1,
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('estimateTrip', () => {
  it('adds every leg, the service and the battery they use', () => {
    const trip = estimateTrip(facility, 'A', ['K', 'R1'], 1, 10, config);
    expect(trip).toEqual({ travelS: 75, serviceS: 10, totalS: 85, distanceM: 50, batteryUse: 50 * 0.1 + 10 * 0.01 });
  });

  it('is Infinity when a stop cannot be reached', () => {
    expect(estimateTrip(facility, 'A', ['Z'], 1, 10, config).totalS).toBe(Infinity);
  });
});

describe('estimateRemainingWork', () => {
  it.each<[string, TaskStatus, string, readonly string[] | undefined, boolean, number]>([
    ['accepted: both stops ahead', 'accepted', 'A', undefined, false, 20 + 55 + 10],
    ['in progress, standing at the pick-up: the drop-off ahead', 'in-progress', 'K', undefined, false, 55 + 10],
    ['in progress, somewhere else: both stops, to be safe', 'in-progress', 'B', undefined, false, 10 + 55 + 10],
    ['pending nodes say only the drop-off is left', 'in-progress', 'B', ['L0', 'L1', 'H1', 'R1'], false, 45 + 10],
    ['pending nodes hold both stops', 'accepted', 'A', ['B', 'K', 'B', 'L0', 'L1', 'H1', 'R1'], false, 20 + 55 + 10],
    ['at the drop-off, still working', 'in-progress', 'R1', [], true, 10],
    ['at the drop-off, done', 'in-progress', 'R1', [], false, 0],
  ])('%s', (_what, status, at, pending, working, seconds) => {
    const robot = aRobot({ id: 'r1', lastNodeId: at, working, currentTaskId: 't' });
    expect(estimateRemainingWork(robot, transportTask(status), facility, config, pending)).toEqual({ kind: 'task', remainingS: seconds, endNode: 'R1' });
  });

  it('knows nothing of a robot at no known node', () => {
    expect(estimateRemainingWork(aRobot({ id: 'r1', lastNodeId: undefined }), transportTask('accepted'), facility, config)).toBeUndefined();
  });
});
