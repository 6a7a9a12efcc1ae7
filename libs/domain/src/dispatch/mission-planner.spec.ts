import { loadFacility } from '../facility/facility-loader';
import { DomainErrorCode } from '../shared/domain-error';
import { aRobot, smallFacilityJson } from '../testing/small-facility.fixture';
import { planMission } from './mission-planner';

const facility = loadFacility(smallFacilityJson());

describe('planMission', () => {
  it('drives from the robot through both stops, across floors in one order', () => {
    const plan = planMission(
      { id: 't1', spec: { kind: 'transport', from: 'K', to: 'R2', pickAction: 'pick', dropAction: 'drop' } },
      aRobot({ id: 'r1', lastNodeId: 'A', actions: ['pick', 'drop', 'initPosition'] }),
      facility,
      2,
    );
    expect(plan).toMatchObject({ id: 't1-2', robotId: 'r1', taskId: 't1' });
    expect(plan.nodes.map((n) => [n.nodeId, n.floor, n.actions.map((a) => a.id)])).toEqual([
      ['A', 'F0', []],
      ['B', 'F0', []],
      ['K', 'F0', ['t1-2-0-pick']],
      ['B', 'F0', []],
      ['L0', 'F0', []],
      ['L2', 'F2', ['t1-2-ride0-initPosition']],
      ['H2', 'F2', []],
      ['R2', 'F2', ['t1-2-1-drop']],
    ]);
  });

  it('re-localises the robot on the new floor where it leaves the car, facing into the car from the landing it drives out to', () => {
    const plan = planMission({ id: 't1', spec: { kind: 'visit', atNode: 'H1', action: 'measureVitals' } }, aRobot({ id: 'r1', lastNodeId: 'A', actions: ['measureVitals', 'initPosition'] }), facility, 1);
    const exit = plan.nodes.find((n) => n.nodeId === 'L1')!;
    // it drives out of L1 (10, 5) to H1 (10, 0), on F1's own map: it faces away from H1, +y, π/2
    expect(exit.actions).toEqual([
      { id: 't1-1-ride0-initPosition', type: 'initPosition', parameters: { x: 10, y: 5, theta: Math.PI / 2, mapId: 'F1', lastNodeId: 'L1' } },
    ]);
    expect(exit.maxSpeedIn).toBeUndefined();
  });

  it('reads the heading on the new floor’s own map, whatever the floor it boarded on', () => {
    // F1 drawn turned a quarter: its landing H1 lies at −x of the car (boarding on F0 was along +y)
    const turned = smallFacilityJson();
    const h1 = turned.nodes.find((n) => n.id === 'H1')!;
    Object.assign(h1, { x: 5, y: 5 });
    const plan = planMission({ id: 't1', spec: { kind: 'visit', atNode: 'H1', action: 'measureVitals' } }, aRobot({ id: 'r1', lastNodeId: 'L0', actions: ['measureVitals', 'initPosition'] }), loadFacility(turned), 1);
    expect(plan.nodes.find((n) => n.nodeId === 'L1')!.actions[0]!.parameters).toMatchObject({ theta: 0, mapId: 'F1' });
    // and facing −x when the landing is at +x
    Object.assign(h1, { x: 15, y: 5 });
    const back = planMission({ id: 't1', spec: { kind: 'visit', atNode: 'H1', action: 'measureVitals' } }, aRobot({ id: 'r1', lastNodeId: 'L0', actions: ['measureVitals', 'initPosition'] }), loadFacility(turned), 1);
    expect(back.nodes.find((n) => n.nodeId === 'L1')!.actions[0]!.parameters!['theta']).toBeCloseTo(Math.PI);
  });

  it('sends no initPosition to a robot whose factsheet does not list it (it would refuse the order; the nodes carry the new mapId)', () => {
    const plan = planMission({ id: 't1', spec: { kind: 'visit', atNode: 'H1', action: 'measureVitals' } }, aRobot({ id: 'r1', lastNodeId: 'A', actions: ['measureVitals'] }), facility, 1);
    expect(plan.nodes.flatMap((n) => n.actions).map((a) => a.type)).toEqual(['measureVitals']);
    expect(plan.nodes.find((n) => n.nodeId === 'L1')).toMatchObject({ floor: 'F1', actions: [] });
  });

  it('sets the zone limit on the edge into a quiet room and nowhere else', () => {
    const plan = planMission({ id: 't1', spec: { kind: 'visit', atNode: 'R1', action: 'measureVitals' } }, aRobot({ id: 'r1', lastNodeId: 'M1' }), facility, 1);
    expect(plan.nodes.map((n) => [n.nodeId, n.maxSpeedIn, n.x, n.y])).toEqual([
      ['M1', undefined, 0, 0],
      ['H1', undefined, 10, 0],
      ['R1', 0.5, 20, 0],
    ]);
  });

  it('puts both actions on one node when the robot already stands at pick-up and drop-off', () => {
    const plan = planMission(
      { id: 't1', spec: { kind: 'transport', from: 'K', to: 'K', pickAction: 'pick', dropAction: 'drop' } },
      aRobot({ id: 'r1', lastNodeId: 'K' }),
      facility,
      1,
    );
    const load = { stationType: 'kitchen', stationName: 'K', loadType: 'load' };
    expect(plan.nodes).toEqual([{ nodeId: 'K', floor: 'F0', x: 20, y: 0, actions: [{ id: 't1-1-0-pick', type: 'pick', parameters: load }, { id: 't1-1-1-drop', type: 'drop', parameters: load }] }]);
  });

  it('names the station and the load of a pick and a drop (VDA 5050: pick needs stationType and loadType)', () => {
    const plan = planMission(
      { id: 't1', type: 'meal', spec: { kind: 'transport', from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'drop' } },
      aRobot({ id: 'r1', lastNodeId: 'A' }),
      facility,
      1,
    );
    const actions = plan.nodes.flatMap((n) => n.actions).filter((a) => a.type === 'pick' || a.type === 'drop');
    expect(actions.map((a) => a.parameters)).toEqual([
      { stationType: 'kitchen', stationName: 'K', loadType: 'meal' },
      { stationType: 'room', stationName: 'R1', loadType: 'meal' },
    ]);
  });

  it.each([
    ['no known node', undefined, DomainErrorCode.UnknownNode],
    ['a node not in the facility', 'F9-X', DomainErrorCode.UnknownNode],
    ['an island the stop cannot be reached from', 'Z', DomainErrorCode.NoRoute],
  ])('refuses a robot at %s', (_what, lastNodeId, code) => {
    const robot = aRobot({ id: 'r1', lastNodeId });
    expect(() => planMission({ id: 't1', spec: { kind: 'visit', atNode: 'K', action: 'pick' } }, robot, facility, 1)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
