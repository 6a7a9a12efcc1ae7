import { join } from 'node:path';
import { orderThrough, pathBetween } from '../../test-fixtures/order-fixtures';
import { SimClock } from '../clock/sim-clock';
import { loadFacility } from '../facility/facility.loader';
import { loadScenarioRobots } from './fleet-spec.loader';
import { SimFleet } from './sim-fleet';

const ASSETS = join(__dirname, '../../../assets');

describe('SimFleet in-process on the demo building', () => {
  it('takes two robots to the first floor through one single-cabin elevator, one after the other', () => {
    const facility = loadFacility(join(ASSETS, 'facilities/mco-demo.json'));
    const robots = loadScenarioRobots(join(ASSETS, 'scenarios/demo-day.json'), facility).slice(0, 2);
    const fleet = new SimFleet({ robots, facility, clock: new SimClock(0) });
    const [first, second] = fleet.vehicles;
    const routes = [pathBetween(facility, 'F0-dock-1', 'F1-R101'), pathBetween(facility, 'F0-dock-2', 'F1-R101')];
    expect(routes[0]).toEqual(expect.arrayContaining(['F0-E1', 'F1-E1']));
    expect(routes[1]).toEqual(expect.arrayContaining(['F0-E1', 'F1-E1']));
    first.receiveOrder(orderThrough(facility, routes[0], { orderId: 'a' }));
    second.receiveOrder(orderThrough(facility, routes[1], { orderId: 'b' }));

    const arrivals = new Map<string, number>();
    for (let t = 0; t < 600 && arrivals.size < 2; t++) {
      fleet.clock.advance(1_000);
      for (const vehicle of fleet.vehicles) {
        if (vehicle.state().lastNodeId === 'F1-R101' && !arrivals.has(vehicle.serialNumber)) arrivals.set(vehicle.serialNumber, fleet.clock.now());
      }
    }
    expect(first.state()).toMatchObject({ nodeStates: [], errors: [], agvPosition: { mapId: 'F1' } });
    expect(second.state()).toMatchObject({ nodeStates: [], errors: [], agvPosition: { mapId: 'F1' } });
    // E1 takes 6 s per floor + 8 s of doors and carries one robot: the later one waits for the cabin.
    const [a, b] = [arrivals.get('SC-001')!, arrivals.get('SC-002')!].sort((x, y) => x - y);
    expect(b - a).toBeGreaterThanOrEqual(14_000);
  });
});
