import { HeaderStamper, Topic, validateMessage } from '@opiekun/vda5050';
import { action, orderThrough, statusOf, tinyWorld, vehicleIn } from '../../test-fixtures/order-fixtures';

describe('VirtualVehicle patrol finding (fault-injection style)', () => {
  it('reports a finding as a valid information entry naming the node, once armed, and forgets it with the next order', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { actions: ['patrolCheck'] });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { actions: { 'F0-dock': [action('patrolCheck', 'c1', 'HARD', { durationS: 2 })] } }));
    world.clock.advance(2_000);
    expect(vehicle.state().information).toEqual([]);

    vehicle.faults.findAtNextAction('fallDetected', 'person on the floor');
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { orderId: 'o2', actions: { 'F0-dock': [action('patrolCheck', 'c2', 'HARD', { durationS: 2 })] } }));
    world.clock.advance(2_000);
    expect(statusOf(vehicle, 'c2')).toBe('FINISHED');
    const state = vehicle.state();
    expect(state.information).toEqual([
      { infoType: 'fallDetected', infoLevel: 'INFO', infoDescription: 'person on the floor', infoReferences: [{ referenceKey: 'nodeId', referenceValue: 'F0-dock' }, { referenceKey: 'actionId', referenceValue: 'c2' }] },
    ]);
    const stamped = new HeaderStamper({ now: () => Date.UTC(2026, 10, 23) }).stamp({ manufacturer: vehicle.manufacturer, serialNumber: vehicle.serialNumber }, Topic.State, state);
    expect(validateMessage(Topic.State, stamped)).toMatchObject({ ok: true });

    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { orderId: 'o3', actions: { 'F0-dock': [action('patrolCheck', 'c3', 'HARD', { durationS: 2 })] } }));
    world.clock.advance(2_000);
    expect(vehicle.state().information).toEqual([]);
  });
});
