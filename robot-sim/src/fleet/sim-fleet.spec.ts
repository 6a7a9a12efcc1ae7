import { Topic, validateMessage } from '@opiekun/vda5050';
import { instant, orderThrough, tinyFacility, action } from '../../test-fixtures/order-fixtures';
import { Observer, on, startTestBroker, TestBroker } from '../../test-fixtures/test-broker';
import { SimClock } from '../clock/sim-clock';
import type { VdaError, VehicleState } from '../protocol';
import type { VirtualVehicle } from '../vehicle/virtual-vehicle';
import { generatedRobots } from './fleet-spec.loader';
import { SimFleet } from './sim-fleet';

describe('SimFleet over MQTT', () => {
  let broker: TestBroker;
  let observer: Observer;
  let fleet: SimFleet | undefined;

  beforeEach(async () => {
    broker = await startTestBroker();
    observer = await Observer.connect(broker.url);
  });

  afterEach(async () => {
    await fleet?.stop();
    fleet = undefined;
    await observer.close();
    await broker.close();
  });

  function openFleet(injectableOutages = false, visualizationIntervalMs = 0): SimFleet {
    const facility = tinyFacility();
    const robots = generatedRobots(2, facility);
    fleet = new SimFleet({ robots, facility, clock: new SimClock(Date.UTC(2026, 10, 23, 6)), mqtt: { brokerUrl: broker.url, injectableOutages, visualizationIntervalMs } });
    return fleet;
  }

  it('brings two vehicles ONLINE with schema-valid state and factsheet, and drives an order sent over MQTT', async () => {
    const sim = openFleet(false, 50);
    await sim.start();
    await sim.whenOnline();
    for (const serial of ['SIM-001', 'SIM-002']) {
      await observer.waitFor(`${serial} ONLINE`, on('connection', serial, (payload) => payload.connectionState === 'ONLINE'));
      const state = await observer.waitFor(`${serial} state`, on('state', serial));
      expect(validateMessage(Topic.State, state.payload)).toMatchObject({ ok: true });
      const visualization = await observer.waitFor(`${serial} visualization`, on('visualization', serial));
      expect(validateMessage(Topic.Visualization, visualization.payload)).toMatchObject({ ok: true });
    }

    // The factsheet is retained (§6.16); a master that subscribes later gets it from the broker. Checked that way
    // because aedes may drop a retained message for live subscribers (moscajs/aedes#994).
    const late = await Observer.connect(broker.url);
    try {
      for (const serial of ['SIM-001', 'SIM-002']) {
        const factsheet = await late.waitFor(`${serial} retained factsheet`, on('factsheet', serial));
        expect(validateMessage(Topic.Factsheet, factsheet.payload)).toMatchObject({ ok: true });
      }
    } finally {
      await late.close();
    }

    const order = { ...orderThrough(tinyFacility(), ['F0-dock', 'F0-hall']), manufacturer: 'OpiekunSim', serialNumber: 'SIM-001' };
    await observer.publish('uagv/v2/OpiekunSim/SIM-001/order', order);
    await untilState(sim.vehicle('SIM-001'), (state) => state.orderId === 'order-1');
    sim.clock.advance(1_000);
    const driving = await observer.waitFor('SIM-001 driving the order', on('state', 'SIM-001', (state) => state.orderId === 'order-1' && state.driving === true));
    expect(driving.payload.timestamp).toBe('2026-11-23T06:00:01.000Z');
  });

  it('reports a malformed order as validationError and answers factsheetRequest', async () => {
    const sim = openFleet();
    await sim.start();
    await sim.whenOnline();
    await observer.publish('uagv/v2/OpiekunSim/SIM-002/order', { headerId: 4, orderId: 'bad', version: '2.0.0', manufacturer: 'OpiekunSim', serialNumber: 'SIM-002' });
    await untilState(sim.vehicle('SIM-002'), (state) => state.errors.length > 0);
    sim.clock.advance(100);
    await observer.waitFor('validationError', on('state', 'SIM-002', (state) => (state.errors as VdaError[]).some((error) => error.errorType === 'validationError')));

    observer.clear();
    const request = { ...instant(action('factsheetRequest', 'f-1', 'NONE')), manufacturer: 'OpiekunSim', serialNumber: 'SIM-002' };
    await observer.publish('uagv/v2/OpiekunSim/SIM-002/instantActions', request);
    await observer.waitFor('factsheet on request', on('factsheet', 'SIM-002'));
  });

  it('drops a connection for a span of sim time: CONNECTIONBROKEN, then ONLINE again with fresh state', async () => {
    const sim = openFleet(true);
    await sim.start();
    await sim.whenOnline();
    observer.clear();
    sim.vehicle('SIM-001').dropConnection(10_000);
    await observer.waitFor('last will', on('connection', 'SIM-001', (payload) => payload.connectionState === 'CONNECTIONBROKEN'));
    sim.clock.advance(10_000);
    await observer.waitFor('back online', on('connection', 'SIM-001', (payload) => payload.connectionState === 'ONLINE'), 10_000);
    await observer.waitFor('fresh state', on('state', 'SIM-001'));
  });

  it('says OFFLINE when stopped', async () => {
    const sim = openFleet();
    await sim.start();
    await sim.whenOnline();
    await sim.stop();
    fleet = undefined;
    for (const serial of ['SIM-001', 'SIM-002']) {
      await observer.waitFor(`${serial} OFFLINE`, on('connection', serial, (payload) => payload.connectionState === 'OFFLINE'));
    }
  });
});

/** Resolves once the vehicle's state satisfies `match`, checked now and on each stateChanged; fails after a timeout. */
function untilState(vehicle: VirtualVehicle, match: (state: VehicleState) => boolean, timeoutMs = 4_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!match(vehicle.state())) return;
      clearTimeout(timer);
      vehicle.off('stateChanged', check);
      resolve();
    };
    const timer = setTimeout(() => {
      vehicle.off('stateChanged', check);
      reject(new Error('vehicle state did not match in time'));
    }, timeoutMs);
    vehicle.on('stateChanged', check);
    check();
  });
}

describe('SimFleet logins', () => {
  let broker: TestBroker | undefined;
  let fleet: SimFleet | undefined;

  afterEach(async () => {
    await fleet?.stop();
    await broker?.close();
  });

  it.each([false, true])('logs each vehicle in as {manufacturer}/{serialNumber} with the vehicle password (through the outage relay: %s)', async (injectableOutages) => {
    const logins = new Set<string>();
    broker = await startTestBroker({
      authenticate: (_client, username, password, done) => {
        logins.add(`${username}:${password?.toString()}`);
        done(null, password?.toString() === 'vehicle-password-1');
      },
    });
    const facility = tinyFacility();
    fleet = new SimFleet({ robots: generatedRobots(2, facility), facility, clock: new SimClock(Date.UTC(2026, 10, 23, 6)), mqtt: { brokerUrl: broker.url, vehiclePassword: 'vehicle-password-1', injectableOutages, visualizationIntervalMs: 0 } });
    await fleet.start();
    await fleet.whenOnline();
    const [first, second] = fleet.vehicles;
    expect([...logins].sort()).toEqual([`${first.manufacturer}/${first.serialNumber}:vehicle-password-1`, `${second.manufacturer}/${second.serialNumber}:vehicle-password-1`].sort());
  });
});
