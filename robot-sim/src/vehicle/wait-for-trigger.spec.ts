import { action, instant, orderThrough, statusOf, tinyWorld, vehicleIn } from '../../test-fixtures/order-fixtures';

/** waitForTrigger (VDA 5050 §6.8): the vehicle waits for a person; the master control owns the timeout. */
describe('VirtualVehicle waiting for a trigger', () => {
  function waiting() {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { staffPins: { '4321': 'n1' } });
    const wait = action('waitForTrigger', 'wait-1', 'HARD', { triggerType: 'custodyHandover' });
    const pick = action('pick', 'pick-1', 'HARD', { durationS: 2 });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { actions: { 'F0-dock': [wait, pick] } }));
    return { world, vehicle };
  }

  it('waits as long as it takes, the next action not started', () => {
    const { world, vehicle } = waiting();
    world.clock.advance(3_600_000);
    expect([statusOf(vehicle, 'wait-1'), statusOf(vehicle, 'pick-1')]).toEqual(['RUNNING', 'WAITING']);
  });

  it('ends the wait on a PIN it knows, naming the person, and goes on', () => {
    const { world, vehicle } = waiting();
    world.clock.advance(10_000);
    expect(vehicle.enterPin('0000')).toBe(false);
    expect(statusOf(vehicle, 'wait-1')).toBe('RUNNING');
    expect(vehicle.enterPin('4321')).toBe(true);
    expect(vehicle.state().actionStates.find((a) => a.actionId === 'wait-1')).toMatchObject({ actionStatus: 'FINISHED', resultDescription: 'staff:n1' });
    world.clock.advance(3_000);
    expect(statusOf(vehicle, 'pick-1')).toBe('FINISHED');
  });

  it('ends the wait on releaseTrigger naming it, and fails a release that names no waiting trigger', () => {
    const { world, vehicle } = waiting();
    vehicle.receiveInstantActions(instant(action('releaseTrigger', 'r-0', 'NONE', { actionId: 'pick-1' })));
    expect(statusOf(vehicle, 'r-0')).toBe('FAILED');
    expect(statusOf(vehicle, 'wait-1')).toBe('RUNNING');
    vehicle.receiveInstantActions(instant(action('releaseTrigger', 'r-1', 'NONE', { actionId: 'wait-1' })));
    expect([statusOf(vehicle, 'r-1'), statusOf(vehicle, 'wait-1')]).toEqual(['FINISHED', 'FINISHED']);
    world.clock.advance(3_000);
    expect(statusOf(vehicle, 'pick-1')).toBe('FINISHED');
  });

  it('fails the wait when the order is cancelled, so nothing after it runs', () => {
    const { world, vehicle } = waiting();
    vehicle.receiveInstantActions(instant(action('cancelOrder', 'c-1')));
    world.clock.advance(5_000);
    expect([statusOf(vehicle, 'wait-1'), statusOf(vehicle, 'pick-1')]).toEqual(['FAILED', 'FAILED']);
  });
});
