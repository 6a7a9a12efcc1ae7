import { join } from 'node:path';
import { loadFacility } from '../facility/facility.loader';
import { tinyFacility } from '../../test-fixtures/order-fixtures';
import { composeFleet, generatedRobots, loadScenarioRobots, parseScenarioRobots } from './fleet-spec.loader';

const ASSETS = join(__dirname, '../../../assets');

describe('fleet specs', () => {
  it('reads the robots of the demo scenario', () => {
    const facility = loadFacility(join(ASSETS, 'facilities/mco-demo.json'));
    const robots = loadScenarioRobots(join(ASSETS, 'scenarios/demo-day.json'), facility);
    expect(robots).toHaveLength(6);
    expect(robots[0]).toEqual({
      manufacturer: 'SimCare',
      serialNumber: 'SC-001',
      model: 'carrier',
      actions: ['pick', 'drop', 'deliverMedication'],
      startNodeId: 'F0-dock-1',
      speed: 1,
      battery: 80,
    });
  });

  it('names the bad robot field', () => {
    const robot = { manufacturer: 'M', serialNumber: 'S1', model: 'm', actions: ['pick'], start: 'F0-dock', speed: 1, battery: 50 };
    const facility = tinyFacility();
    expect(() => parseScenarioRobots({ robots: [{ ...robot, start: 'nowhere' }] }, facility, 's.json')).toThrow(/s.json: robots\[0\]\.start names unknown node "nowhere"/);
    expect(() => parseScenarioRobots({ robots: [{ ...robot, speed: 0 }] }, facility)).toThrow(/robots\[0\]\.speed must be > 0/);
    expect(() => parseScenarioRobots({ robots: [robot, robot] }, facility)).toThrow(/robots\[1\]\.serialNumber duplicates M\/S1/);
    expect(() => parseScenarioRobots({ facility: 'other', robots: [robot] }, facility)).toThrow(/facility is "other"/);
  });

  it('spreads generated robots over the chargers, alternating the two kinds', () => {
    const robots = generatedRobots(3, tinyFacility());
    expect(robots.map((robot) => [robot.serialNumber, robot.model, robot.startNodeId])).toEqual([
      ['SIM-001', 'carrier', 'F0-dock'],
      ['SIM-002', 'care-assistant', 'F1-dock'],
      ['SIM-003', 'carrier', 'F0-dock'],
    ]);
    expect(robots[1].actions).toEqual(['measureVitals', 'telepresence', 'pick', 'drop']);
  });

  it('starts generated robots on the other nodes, elevators aside, in a building with no charger', () => {
    const tiny = tinyFacility();
    const noCharger = { ...tiny, nodes: new Map([...tiny.nodes].map(([id, node]) => [id, node.kind === 'charger' ? { ...node, kind: 'storage' } : node])) };
    const expected = [...noCharger.nodes.values()].filter((node) => node.kind !== 'elevator').map((node) => node.id);
    expect(generatedRobots(2, noCharger).map((robot) => robot.startNodeId)).toEqual(expected.slice(0, 2));
    const onlyElevators = { ...tiny, nodes: new Map([...tiny.nodes].map(([id, node]) => [id, { ...node, kind: 'elevator' }])) };
    expect(() => generatedRobots(1, onlyElevators)).toThrow(/no node to place robots on/);
  });

  it('takes the first N scenario robots, filling up with generated ones beyond the scenario', () => {
    const facility = tinyFacility();
    const robot = { manufacturer: 'M', serialNumber: 'S1', model: 'm', actions: ['pick'], start: 'F0-dock', speed: 1, battery: 50 };
    const scenario = parseScenarioRobots({ robots: [robot, { ...robot, serialNumber: 'S2' }] }, facility);
    expect(composeFleet(scenario, 1, facility).map((config) => config.serialNumber)).toEqual(['S1']);
    expect(composeFleet(scenario, undefined, facility).map((config) => config.serialNumber)).toEqual(['S1', 'S2']);
    expect(composeFleet(scenario, 3, facility).map((config) => config.serialNumber)).toEqual(['S1', 'S2', 'SIM-001']);
    expect(composeFleet(undefined, 2, facility)).toHaveLength(2);
  });
});
