import { createTask, ElevatorTraffic, loadFacility, transition, type Robot } from '@opiekun/domain';
import { aRobot, smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { twoShafts } from '../../../domain/src/testing/two-shafts.fixture';
import { MissionFactory, NODE_DEVIATION_M, temporaryNodeId } from './mission-factory';

/**
 * VDA 5050 §6.6.3.1: after a cancelOrder a vehicle that can stop between nodes may have; the next order's first node
 * (its last node) must then be trivially reachable. Master control picks one of two ways, and the vehicle takes both:
 * the first node's deviation range widened to where the vehicle stands — when it is on the order's first edge and the
 * first node has nothing to do — or else, when it stands on another edge that ends at the first node, a temporary
 * node where it stands and the way back along that edge.
 *
 *   F0:  Q0 (0,5) ─ A (0,0) ─ B (10,0) ─ K (20,0)        the robot's last node is A
 */
describe('MissionFactory: the first node is trivially reachable for a robot stopped between nodes', () => {
  const facility = loadFacility(smallFacilityJson());
  const factory = new MissionFactory(facility);
  const now = Date.parse('2026-12-07T08:00:00Z');
  const accepted = (from: string, to: string) =>
    transition(createTask({ type: 'meal', priority: 'routine', from, to }, { id: `${from}-${to}`, now, facility }).task, 'accepted', { now, cause: { kind: 'system' }, robotId: 'T:r1' }).task;
  const robotAt = (x: number, y: number, more: Partial<Robot> = {}): Robot => aRobot({ id: 'T:r1', lastNodeId: 'A', pose: { x, y, theta: 0, floor: 'F0' }, ...more });
  /**
   * How each kind of order starts: `widened N` (the first node A with N metres of deviation), `here → A` (a temporary
   * node where the robot stands, then A), or undefined (A as usual); and that nothing else is widened.
   */
  const starts = (robot: Robot) => {
    const missions = {
      'task K → B (via A → B)': factory.forTask(accepted('K', 'B'), robot),
      'task A → K (a pick at A)': factory.forTask(accepted('A', 'K'), robot),
      'charge at Q0 (via A → Q0)': factory.toCharger(robot, 'Q0', now),
      'wait at K (via A → B)': factory.toWaitingPoint(robot, 'K', now),
      'charge where it is (one node)': factory.toCharger(robot, 'A', now),
    };
    return Object.fromEntries(
      Object.entries(missions).map(([what, m]) => {
        const [first, ...rest] = m.nodes;
        expect(rest.every((n) => n.allowedDeviationM === undefined)).toBe(true);
        if (first!.nodeId === temporaryNodeId(m.id)) {
          // where the robot stands, nothing to do there, then A with all it had to do
          expect(first).toEqual({ nodeId: `${m.id}/here`, floor: 'F0', x: robot.pose!.x, y: robot.pose!.y, actions: [] });
          expect(rest[0]!.nodeId).toBe('A');
          return [what, 'here → A'];
        }
        expect(first!.nodeId).toBe('A');
        return [what, first!.allowedDeviationM === undefined ? undefined : `widened ${first!.allowedDeviationM.toFixed(2)}`];
      }),
    );
  };
  const none = { 'task K → B (via A → B)': undefined, 'task A → K (a pick at A)': undefined, 'charge at Q0 (via A → Q0)': undefined, 'wait at K (via A → B)': undefined, 'charge where it is (one node)': undefined };
  const back = { 'task K → B (via A → B)': 'here → A', 'task A → K (a pick at A)': 'here → A', 'charge at Q0 (via A → Q0)': 'here → A', 'wait at K (via A → B)': 'here → A', 'charge where it is (one node)': 'here → A' };

  it('on its node, or within the usual half metre: nothing changed', () => {
    expect(starts(robotAt(0, 0))).toEqual(none);
    expect(starts(robotAt(0.4, 0))).toEqual(none);
  });

  it('stopped 4 m along A → B: orders that drive A → B with nothing to do at A are widened; the others start where it stands', () => {
    const widened = `widened ${(Math.hypot(4, 0.2) + NODE_DEVIATION_M).toFixed(2)}`;
    expect(starts(robotAt(4, 0.2))).toEqual({ ...back, 'task K → B (via A → B)': widened, 'wait at K (via A → B)': widened });
  });

  it('stopped 3 m along A → Q0: the charge trip at Q0 is widened, the rest start where it stands and drive back to A', () => {
    expect(starts(robotAt(0, 3))).toEqual({ ...back, 'charge at Q0 (via A → Q0)': `widened ${(3 + NODE_DEVIATION_M).toFixed(2)}` });
  });

  it.each<[string, Robot]>([
    ['off every edge that ends at its node (moved, not stopped on an edge)', robotAt(0, -3)],
    ['on an edge that does not end at its node (beyond B)', robotAt(12, 0)],
    ['still driving (its pose is not where it stops)', robotAt(4, 0, { driving: true })],
    ['its pose from another floor', aRobot({ id: 'T:r1', lastNodeId: 'A', pose: { x: 4, y: 0, theta: 0, floor: 'F1' } })],
    ['no pose reported', aRobot({ id: 'T:r1', lastNodeId: 'A' })],
  ])('%s: nothing changed', (_what, robot) => {
    expect(starts(robot)).toEqual(none);
  });
});

/** Orders go round the elevator queues the orders made before them are expected to make (ElevatorTraffic). */
describe('MissionFactory: elevator traffic', () => {
  const facility = twoShafts(3);
  const now = Date.parse('2026-12-07T08:00:00Z');
  const vitals = (id: string, robotId: string) =>
    transition(createTask({ type: 'vitals', priority: 'routine', atNode: 'R', action: 'measureVitals' }, { id, now, facility }).task, 'accepted', { now, cause: { kind: 'system' }, robotId }).task;
  const robot = (id: string) => aRobot({ id, lastNodeId: 'S', actions: ['measureVitals', 'startCharging'] });
  const path = (m: { nodes: readonly { nodeId: string }[] }) => m.nodes.map((n) => n.nodeId);

  it('a second order sent a second after the first goes by the free shaft; untimed orders book nothing', () => {
    const factory = new MissionFactory(facility);
    expect(path(factory.forTask(vitals('t1', 'T:r1'), robot('T:r1'), now))).toEqual(['S', 'X0', 'X1', 'R']);
    expect(factory.traffic.bookings('X').map((b) => b.robotId)).toEqual(['T:r1']);
    expect(path(factory.forTask(vitals('t2', 'T:r2'), robot('T:r2'), now + 1_000))).toEqual(['S', 'Y0', 'Y1', 'R']);
    expect(path(factory.forTask(vitals('t3', 'T:r3'), robot('T:r3')))).toEqual(['S', 'X0', 'X1', 'R']);
    expect(factory.traffic.bookings('X').map((b) => b.robotId)).toEqual(['T:r1']);
  });

  it('factories sharing one picture (the api’s) see each other’s orders; a robot’s new order replaces its booking', () => {
    const traffic = new ElevatorTraffic(facility);
    const tasks = new MissionFactory(facility, traffic);
    const trips = new MissionFactory(facility, traffic);
    tasks.forTask(vitals('t1', 'T:r1'), robot('T:r1'), now);
    expect(path(trips.toWaitingPoint(robot('T:r2'), 'R', now + 1_000))).toEqual(['S', 'Y0', 'Y1', 'R']);
    // r1 is sent to charge on the ground floor instead: its ride is gone, X is free again
    trips.toCharger(robot('T:r1'), 'K', now + 2_000);
    expect(traffic.bookings('X')).toEqual([]);
    expect(path(trips.toWaitingPoint(robot('T:r3'), 'R', now + 3_000))).toEqual(['S', 'X0', 'X1', 'R']);
  });
});
