import { SimClock } from '../clock/sim-clock';
import { VirtualVehicle } from '../vehicle/virtual-vehicle';
import { orderThrough, tinyFacility, tinyWorld, vehicleIn } from '../../test-fixtures/order-fixtures';
import { ElevatorBank } from './elevator-bank';

describe('ElevatorBank', () => {
  it('times a ride as secondsPerFloor × floors + doorSeconds, and 30 s outside any known elevator', () => {
    const bank = new ElevatorBank(tinyFacility());
    expect(bank.rideSeconds('F0-lift', 'F1-lift')).toBe(15);
    expect(bank.rideSeconds('F0-lift', 'F2-lift')).toBe(20);
    expect(bank.rideSeconds('F0-dock', 'F1-dock')).toBe(30);
    expect(new ElevatorBank().rideSeconds('a', 'b')).toBe(30);
  });

  it('grants places up to capacity and then in arrival order', () => {
    const bank = new ElevatorBank(tinyFacility());
    const granted: string[] = [];
    for (const rider of ['a', 'b', 'c']) bank.request('L', rider, () => granted.push(rider));
    expect(granted).toEqual(['a']);
    expect(bank.waiting('L')).toEqual(['b', 'c']);
    bank.release('L', 'c');
    bank.release('L', 'a');
    expect(granted).toEqual(['a', 'b']);
    expect(bank.riders('L')).toEqual(['b']);
  });
});

describe('vehicles riding elevators', () => {
  it('rides between floors, standing at the shaft during the ride', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-lift', 'F1-lift', 'F1-room']));
    world.clock.advance(20_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-lift', driving: false });
    world.clock.advance(14_999);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-lift', agvPosition: { x: 20, y: 0, mapId: 'F0' } });
    expect(world.elevators.riders('L')).toEqual(['TestSim/T-1']);
    world.clock.advance(1);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F1-lift', driving: true, agvPosition: { x: 20, y: 0, mapId: 'F1' } });
    expect(world.elevators.riders('L')).toEqual([]);
    world.clock.advance(10_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F1-room', nodeStates: [] });
  });

  it('keeps the cabin across consecutive floors of the same shaft', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { startNodeId: 'F0-lift' });
    const other = vehicleIn(world, { serialNumber: 'T-2', startNodeId: 'F1-lift' });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-lift', 'F1-lift', 'F2-lift']));
    other.receiveOrder(orderThrough(world.facility, ['F1-lift', 'F0-lift']));
    world.clock.advance(15_000);
    expect(vehicle.state().lastNodeId).toBe('F1-lift');
    expect(world.elevators.riders('L')).toEqual(['TestSim/T-1']);
    world.clock.advance(15_000);
    expect(vehicle.state().lastNodeId).toBe('F2-lift');
    expect(world.elevators.riders('L')).toEqual(['TestSim/T-2']);
    world.clock.advance(15_000);
    expect(other.state().lastNodeId).toBe('F0-lift');
  });

  it('queues vehicles for a full cabin in arrival order', () => {
    const world = tinyWorld();
    const [first, second] = ['T-1', 'T-2'].map((serialNumber) => vehicleIn(world, { serialNumber, startNodeId: 'F0-lift' }));
    first.receiveOrder(orderThrough(world.facility, ['F0-lift', 'F1-lift']));
    second.receiveOrder(orderThrough(world.facility, ['F0-lift', 'F1-lift']));
    expect(world.elevators.waiting('L')).toEqual(['TestSim/T-2']);
    world.clock.advance(15_000);
    expect([first.state().lastNodeId, second.state().lastNodeId]).toEqual(['F1-lift', 'F0-lift']);
    world.clock.advance(15_000);
    expect(second.state().lastNodeId).toBe('F1-lift');
    // the second queued for the first's whole ride; the first boarded at once
    expect([first.elevatorWaitMs, second.elevatorWaitMs]).toEqual([0, 15_000]);
  });

  it('gives up its place in the queue when paused and queues again when resumed', () => {
    const world = tinyWorld();
    const [first, second] = ['T-1', 'T-2'].map((serialNumber) => vehicleIn(world, { serialNumber, startNodeId: 'F0-lift' }));
    first.receiveOrder(orderThrough(world.facility, ['F0-lift', 'F1-lift']));
    second.receiveOrder(orderThrough(world.facility, ['F0-lift', 'F1-lift']));
    second.receiveInstantActions({ actions: [{ actionId: 'p', actionType: 'startPause', blockingType: 'HARD' }] });
    expect(world.elevators.waiting('L')).toEqual([]);
    second.receiveInstantActions({ actions: [{ actionId: 'r', actionType: 'stopPause', blockingType: 'HARD' }] });
    expect(world.elevators.waiting('L')).toEqual(['TestSim/T-2']);
  });

  it('takes 30 s for a floor change when it has no facility map', () => {
    const clock = new SimClock(0);
    const vehicle = new VirtualVehicle(
      { manufacturer: 'M', serialNumber: 'S', model: 'm', actions: [], speed: 1, battery: 100, startNodeId: 'a', startPose: { x: 0, y: 0, mapId: 'F0' } },
      { clock },
    );
    const order = orderThrough(tinyFacility(), ['F0-lift', 'F1-lift']);
    order.nodes[0].nodeId = 'a';
    order.nodes[0].nodePosition = { x: 0, y: 0, mapId: 'F0' };
    order.edges[0].startNodeId = 'a';
    vehicle.receiveOrder(order);
    clock.advance(29_999);
    expect(vehicle.state().lastNodeId).toBe('a');
    clock.advance(1);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F1-lift', agvPosition: { mapId: 'F1' } });
  });
});
