import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainErrorCode } from '../shared/domain-error';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { loadFacility } from './facility-loader';
import { Router, routerFor } from './routing';

const small = loadFacility(smallFacilityJson());

describe('Router on the small building', () => {
  const router = new Router(small);

  // A→B 10 m, B→L0 5 m, ride F0→F2 = 10 s doors + 2×5 s, L2→H2 5 m, H2→R2 10 m in the quiet zone at 0.5 m/s.
  it.each([
    ['same floor', 'A', 'K', 1, 20, 20, ['A', 'B', 'K']],
    ['into the quiet zone: capped at 0.5 m/s', 'H1', 'R1', 1, 20, 10, ['H1', 'R1']],
    ['slower than the zone limit: own speed', 'H1', 'R1', 0.25, 40, 10, ['H1', 'R1']],
    ['half speed outside zones', 'A', 'K', 0.5, 40, 20, ['A', 'B', 'K']],
    ['one floor up', 'B', 'H1', 1, 5 + 15 + 5, 10, ['B', 'L0', 'L1', 'H1']],
    ['two floors: doors once', 'A', 'R2', 1, 10 + 5 + 20 + 5 + 20, 30, ['A', 'B', 'L0', 'L1', 'L2', 'H2', 'R2']],
    ['down again, same cost', 'R2', 'A', 1, 60, 30, ['R2', 'H2', 'L2', 'L1', 'L0', 'B', 'A']],
    ['to itself', 'K', 'K', 1, 0, 0, ['K']],
  ])('%s: %s → %s at %s m/s takes %s s over %s m', (_what, from, to, speed, seconds, metres, nodes) => {
    const route = router.route(from, to, speed);
    expect(route.durationS).toBeCloseTo(seconds, 9);
    expect(route.distanceM).toBeCloseTo(metres, 9);
    expect(route.nodes).toEqual(nodes);
    expect(router.travelTimeS(from, to, speed)).toBeCloseTo(seconds, 9);
    expect(router.distanceM(from, to, speed)).toBeCloseTo(metres, 9);
  });

  it('reports a ride over two floors as one ride', () => {
    expect(router.route('A', 'R2', 1).elevatorRides).toEqual([
      { elevator: 'X', fromFloor: 'F0', toFloor: 'F2', fromNode: 'L0', toNode: 'L2' },
    ]);
    expect(router.route('A', 'K', 1).elevatorRides).toEqual([]);
  });

  it('refuses an unreachable node with NO_ROUTE and says Infinity for estimates', () => {
    expect(() => router.route('A', 'Z', 1)).toThrow(expect.objectContaining({ code: DomainErrorCode.NoRoute }));
    expect(router.travelTimeS('A', 'Z', 1)).toBe(Infinity);
    expect(router.travelTimeS('Z', 'A', 1)).toBe(Infinity);
  });

  it.each([
    ['route', () => router.route('A', 'nowhere', 1)],
    ['travelTimeS', () => router.travelTimeS('nowhere', 'A', 1)],
  ])('%s refuses an unknown node with UNKNOWN_NODE', (_what, call) => {
    expect(call).toThrow(expect.objectContaining({ code: DomainErrorCode.UnknownNode, target: 'nowhere' }));
  });

  it.each([0, -1, NaN, Infinity])('refuses speed %s', (speed) => {
    expect(() => router.travelTimeS('A', 'K', speed)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidArgument }));
  });

  it('routes from a search made at the other end, reversed correctly', () => {
    const fresh = new Router(small);
    const forward = fresh.route('K', 'R2', 1);
    const backward = fresh.route('R2', 'K', 1);
    expect(backward.nodes).toEqual([...forward.nodes].reverse());
    expect(backward.durationS).toBeCloseTo(forward.durationS, 9);
    expect(backward.elevatorRides).toEqual([{ elevator: 'X', fromFloor: 'F2', toFloor: 'F0', fromNode: 'L2', toNode: 'L0' }]);
  });

  it('joins legs through stops, listing each shared node once', () => {
    const route = router.routeThrough('K', ['A', 'R1'], 1);
    expect(route.nodes).toEqual(['K', 'B', 'A', 'B', 'L0', 'L1', 'H1', 'R1']);
    expect(route.durationS).toBeCloseTo(20 + 10 + 5 + 15 + 5 + 20, 9);
    expect(route.elevatorRides).toHaveLength(1);
  });

  it('chooses by time, not distance, and the choice depends on the speed', () => {
    const json = smallFacilityJson();
    // from H1 to K1: 20 m through the quiet room R1 (0.5 m/s), or 25.6 m round it through D1 at full speed
    json.nodes.push({ id: 'K1', floor: 'F1', x: 30, y: 0, kind: 'corridor' }, { id: 'D1', floor: 'F1', x: 20, y: -8, kind: 'corridor' });
    json.edges.push({ from: 'R1', to: 'K1', kind: 'door' }, { from: 'H1', to: 'D1', kind: 'corridor' }, { from: 'D1', to: 'K1', kind: 'corridor' });
    const detour = 2 * Math.hypot(10, 8);
    const router2 = new Router(loadFacility(json));
    expect(router2.route('H1', 'K1', 1)).toMatchObject({ nodes: ['H1', 'D1', 'K1'], durationS: detour });
    expect(router2.route('H1', 'K1', 0.4)).toMatchObject({ nodes: ['H1', 'R1', 'K1'], durationS: 20 / 0.4 });
  });
});

describe('routerFor', () => {
  it('keeps one router per facility', () => {
    expect(routerFor(small)).toBe(routerFor(small));
    expect(routerFor(loadFacility(smallFacilityJson()))).not.toBe(routerFor(small));
  });
});

describe('Router on the demo building', () => {
  const demo = loadFacility(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../assets/facilities/mco-demo.json'), 'utf8')));
  const router = routerFor(demo);

  it('gives the same time both ways between every pair of chargers and rooms', () => {
    const ends = [...demo.chargers(), ...demo.nodesOfKind('room')].map((n) => n.id);
    for (const a of ends) for (const b of ends) expect(router.travelTimeS(a, b, 1)).toBeCloseTo(router.travelTimeS(b, a, 1), 6);
  });

  // Speed is measured by the benchmarks, not asserted here; this checks the cached answers stay the same.
  it('answers a hundred thousand estimates from its cache, the same as the first time', () => {
    const ids = demo.nodes.map((n) => n.id);
    const pair = (i: number) => [ids[i % ids.length]!, ids[(i * 7) % ids.length]!] as const;
    const first = ids.map((_, i) => router.travelTimeS(...pair(i), 1));
    for (let i = 0; i < 100_000; i++) expect(router.travelTimeS(...pair(i), 1)).toBe(first[i % ids.length]);
  });
});
