import { HeaderStamper, Topic, validateMessage } from '@opiekun/vda5050';
import { action, instant, orderThrough, tinyWorld, vehicleIn } from '../../test-fixtures/order-fixtures';
import type { VirtualVehicle } from './virtual-vehicle';

/** Stamps and validates each message the vehicle would publish, as VehicleClient does on the wire. */
function expectValid(vehicle: VirtualVehicle): void {
  const stamper = new HeaderStamper({ now: () => Date.UTC(2026, 10, 23) });
  const id = { manufacturer: vehicle.manufacturer, serialNumber: vehicle.serialNumber };
  const messages = [
    validateMessage(Topic.State, stamper.stamp(id, Topic.State, vehicle.state())),
    validateMessage(Topic.Visualization, stamper.stamp(id, Topic.Visualization, vehicle.visualization())),
    validateMessage(Topic.Factsheet, stamper.stamp(id, Topic.Factsheet, vehicle.factsheet())),
  ];
  for (const result of messages) expect(result).toMatchObject({ ok: true });
}

describe('VirtualVehicle messages', () => {
  it('publishes a factsheet with its actions and scopes, valid against factsheet.schema', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { model: 'care-assistant', actions: ['measureVitals', 'telepresence', 'pick', 'drop'], speed: 0.8 });
    const factsheet = vehicle.factsheet();
    expect(factsheet.typeSpecification).toMatchObject({ seriesName: 'care-assistant', agvKinematic: 'DIFF', agvClass: 'CARRIER' });
    expect(factsheet.physicalParameters.speedMax).toBe(0.8);
    const actions = factsheet.protocolFeatures.agvActions;
    expect(actions.find((entry) => entry.actionType === 'measureVitals')?.actionScopes).toEqual(['NODE']);
    expect(actions.find((entry) => entry.actionType === 'cancelOrder')?.actionScopes).toEqual(['INSTANT']);
    expect(actions.find((entry) => entry.actionType === 'startCharging')?.actionScopes).toEqual(['INSTANT', 'NODE']);
    expectValid(vehicle);
    // The check above can fail: the same validator refuses a factsheet missing a required field.
    const { typeSpecification, ...incomplete } = factsheet;
    const stamped = new HeaderStamper().stamp({ manufacturer: 'TestSim', serialNumber: 'T-1' }, Topic.Factsheet, incomplete as never);
    expect(typeSpecification).toBeDefined();
    expect(validateMessage(Topic.Factsheet, stamped)).toMatchObject({ ok: false });
  });

  it('keeps state and visualization schema-valid while driving, working, failing and rejecting', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    expectValid(vehicle);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-lift', 'F1-lift'], { actions: { 'F0-hall': [action('pick', 'p')] } }));
    world.clock.advance(5_000);
    expectValid(vehicle);
    world.clock.advance(7_000);
    expectValid(vehicle);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { orderId: 'x', actions: { 'F0-dock': [action('fly', 'f')] } }));
    vehicle.receiveInstantActions(instant(action('cancelOrder', 'c'), action('teleport', 't')));
    world.clock.advance(60_000);
    expect(vehicle.state().errors.length).toBeGreaterThan(1);
    expectValid(vehicle);
  });
});
