import { planMission } from '../dispatch/mission-planner';
import { aRobot } from '../testing/small-facility.fixture';
import { twoShafts } from '../testing/two-shafts.fixture';
import { ElevatorTraffic } from './elevator-traffic';
import { loadFacility } from './facility-loader';
import { Router } from './routing';

const T0 = 1_800_000_000; // epoch seconds

describe('ElevatorTraffic: the expected queue at a cabin, first come first served', () => {
  const traffic = new ElevatorTraffic(twoShafts(3));
  const ride = (arriveS: number, boardS: number, leaveS: number, elevator = 'X') => ({ elevator, arriveS: T0 + arriveS, boardS: T0 + boardS, leaveS: T0 + leaveS });

  it('an empty building: no wait anywhere', () => {
    expect(traffic.hasElevators).toBe(true);
    expect(traffic.waitS('X', T0)).toBe(0);
    expect(new ElevatorTraffic(loadFacility({ ...twoShaftsJsonWithout() })).hasElevators).toBe(false);
  });

  it('waits for those who reached the landing first, not for later ones, nor for its own booking', () => {
    traffic.book('a', [ride(0, 0, 15)], T0);
    traffic.book('b', [ride(2, 15, 30)], T0);
    expect(traffic.waitS('X', T0 + 5, 'c')).toBe(25); // behind a (in the cabin) and b (queued): boards at 30
    expect(traffic.waitS('X', T0 + 1, 'c')).toBe(14); // only a was there before it
    expect(traffic.waitS('X', T0 + 30, 'c')).toBe(0);
    expect(traffic.waitS('Y', T0 + 5, 'c')).toBe(0);
    expect(traffic.waitS('X', T0 + 5, 'b')).toBe(10); // b's own booking is not ahead of b
  });

  it('a new order replaces the robot’s bookings, past ones are dropped, a released robot rides no more', () => {
    traffic.book('a', [ride(40, 40, 55, 'Y')], T0 + 20);
    expect(traffic.bookings('X').map((b) => b.robotId)).toEqual(['b']);
    expect(traffic.bookings('Y').map((b) => b.robotId)).toEqual(['a']);
    traffic.book('c', [], T0 + 31);
    expect(traffic.bookings('X').map((b) => b.robotId)).toEqual(['b']); // kept a while: a queue may have pushed it back
    traffic.book('c', [], T0 + 30 + 601);
    expect(traffic.bookings('X')).toEqual([]);
    traffic.release('a');
    expect(traffic.bookings('Y')).toEqual([]);
  });

  it('replays the queue in the order robots reach the landing: a robot booked later but there sooner pushes the first back', () => {
    const queue = new ElevatorTraffic(twoShafts(3));
    queue.book('a', [ride(100, 100, 115)], T0); // booked first, reaches the landing at 100
    expect(queue.waitS('X', T0 + 95, 'b')).toBe(0);
    queue.book('b', [ride(95, 95, 110)], T0); // booked next, there at 95: boards first
    // a boards at 110, leaves at 125: c, there at 112, waits 13 s (the booked times alone said 3)
    expect(queue.waitS('X', T0 + 112, 'c')).toBe(13);
  });

  it('a booking of an order its robot no longer runs (cancelled, given up) is not waited for', () => {
    const orders = new Map([['a', 'a:1']]);
    const queue = new ElevatorTraffic(twoShafts(3), (id) => orders.get(id));
    queue.book('a', [ride(0, 0, 15)], T0, 'a:1');
    expect(queue.waitS('X', T0 + 5, 'c')).toBe(10);
    orders.delete('a');
    expect(queue.waitS('X', T0 + 5, 'c')).toBe(0);
  });

  it('an order built and not sent leaves the rides of the order its robot still runs; they go once it runs another', () => {
    const orders = new Map([['a', 'park:a']]);
    const queue = new ElevatorTraffic(twoShafts(3), (id) => orders.get(id));
    queue.book('a', [ride(0, 0, 15)], T0, 'park:a');
    queue.book('a', [ride(40, 40, 55, 'Y')], T0 + 1, 't1:1'); // refused by the robot's limits: never its order
    expect(queue.waitS('X', T0 + 5, 'c')).toBe(10);
    expect(queue.waitS('Y', T0 + 45, 'c')).toBe(0);
    queue.book('a', [ride(60, 60, 75, 'Y')], T0 + 2, 't2:1'); // sent: the robot runs it now
    orders.set('a', 't2:1');
    expect(queue.waitS('X', T0 + 5, 'c')).toBe(0);
    expect(queue.waitS('Y', T0 + 65, 'c')).toBe(10);
    // the same order rebuilt (after a restart) replaces its own rides; the order before it is gone
    queue.book('a', [ride(70, 70, 80, 'Y')], T0 + 3, 't2:1');
    expect(queue.bookings('Y').map((b) => b.boardS - T0)).toEqual([70]);
    expect(queue.bookings('X')).toEqual([]);
  });

  it('a cabin for two: the second robot ahead does not hold the third back', () => {
    const wide = new ElevatorTraffic(twoShafts(3, 2));
    wide.book('a', [ride(0, 0, 15)], T0);
    expect(wide.waitS('X', T0 + 5, 'c')).toBe(0);
    wide.book('b', [ride(1, 1, 20)], T0);
    expect(wide.waitS('X', T0 + 5, 'c')).toBe(10); // both places taken: the first to leave frees one
  });
});

describe('Router.routeThroughTimed: round the elevator queues', () => {
  const facility = twoShafts(3);
  const router = new Router(facility);
  const noQueue = { startS: T0, dwellS: () => 15, boardWaitS: () => 0 };

  it('with no queue it is the fastest route, with the ride on the clock', () => {
    const { route, rides } = router.routeThroughTimed('S', ['R'], 1, noQueue);
    expect(route.nodes).toEqual(['S', 'X0', 'X1', 'R']);
    expect(route.durationS).toBeCloseTo(router.route('S', 'R', 1).durationS, 9);
    // 5 m to X0, boards at once (10 s of doors), 5 s up, leaves at 20 s
    expect(rides).toEqual([{ elevator: 'X', arriveS: T0 + 5, boardS: T0 + 5, leaveS: T0 + 20 }]);
  });

  it('a queue at the nearer shaft longer than the detour: the other shaft', () => {
    const wait = (elevator: string) => (elevator === 'X' ? 7 : 0);
    const { route, rides } = router.routeThroughTimed('S', ['R'], 1, { ...noQueue, boardWaitS: wait });
    expect(route.nodes).toEqual(['S', 'Y0', 'Y1', 'R']);
    expect(route.durationS).toBeCloseTo(8 + 15 + 8, 9);
    expect(rides).toEqual([{ elevator: 'Y', arriveS: T0 + 8, boardS: T0 + 8, leaveS: T0 + 23 }]);
  });

  it('a shorter queue than the detour: waits, and the wait counts in the duration and the ride window', () => {
    const { route, rides } = router.routeThroughTimed('S', ['R'], 1, { ...noQueue, boardWaitS: (e) => (e === 'X' ? 4 : 0) });
    expect(route.nodes).toEqual(['S', 'X0', 'X1', 'R']);
    expect(route.durationS).toBeCloseTo(5 + 4 + 15 + 5, 9);
    expect(rides).toEqual([{ elevator: 'X', arriveS: T0 + 5, boardS: T0 + 9, leaveS: T0 + 24 }]);
  });

  it('legs set off after the stay at the stop before; a queue that is over by then is not waited for', () => {
    // S → K 10 s, the stay at K 15 s, K → S → X0 15 s: at X0 at 40 s; X is busy until 38 s (at 0 s that was 38 s away)
    const { legs, rides } = router.routeThroughTimed('S', ['K', 'R'], 1, { ...noQueue, boardWaitS: (e, atS) => (e === 'X' ? Math.max(0, T0 + 38 - atS) : 0) });
    expect(legs.map((l) => l.nodes)).toEqual([
      ['S', 'K'],
      ['K', 'S', 'X0', 'X1', 'R'],
    ]);
    expect(rides).toEqual([{ elevator: 'X', arriveS: T0 + 40, boardS: T0 + 40, leaveS: T0 + 55 }]);
  });
});

describe('planMission with elevator traffic: the second robot goes by the free shaft', () => {
  it('books the first robot’s ride; the second, a second later, takes Y rather than queue 14 s behind it', () => {
    const facility = twoShafts(3);
    const traffic = new ElevatorTraffic(facility);
    const visit = (id: string) => ({ id, spec: { kind: 'visit' as const, atNode: 'R', action: 'measureVitals' } });
    const robot = (id: string) => aRobot({ id, lastNodeId: 'S', actions: ['measureVitals'] });
    const first = planMission(visit('t1'), robot('r1'), facility, 1, { traffic, now: T0 * 1000 });
    traffic.book('r1', first.rides!, T0);
    const second = planMission(visit('t2'), robot('r2'), facility, 1, { traffic, now: (T0 + 1) * 1000 });
    expect(first.nodes.map((n) => n.nodeId)).toEqual(['S', 'X0', 'X1', 'R']);
    expect(second.nodes.map((n) => n.nodeId)).toEqual(['S', 'Y0', 'Y1', 'R']);
    // untimed (no traffic given): the fastest route of an empty building, no rides to book
    const untimed = planMission(visit('t3'), robot('r3'), facility, 1);
    expect(untimed.nodes.map((n) => n.nodeId)).toEqual(['S', 'X0', 'X1', 'R']);
    expect(untimed.rides).toBeUndefined();
  });
});

function twoShaftsJsonWithout() {
  return {
    id: 'flat',
    name: 'Flat',
    timezone: 'Europe/Warsaw',
    floors: [{ id: 'F0', name: 'Ground', level: 0 }],
    nodes: [
      { id: 'A', floor: 'F0', x: 0, y: 0, kind: 'corridor' },
      { id: 'B', floor: 'F0', x: 5, y: 0, kind: 'corridor' },
    ],
    edges: [{ from: 'A', to: 'B', kind: 'corridor' }],
    elevators: [],
    rooms: [],
    zones: [],
  };
}
