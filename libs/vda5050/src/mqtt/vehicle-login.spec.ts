import { startBroker, type InProcessBroker } from '../testing/in-process-broker.fixture';
import { nextEvent } from '../testing/events.fixture';
import { VehicleClient } from './vehicle.client';
import { vehicleOfUsername, vehicleUsername } from './vehicle-login';

describe('vehicle logins', () => {
  it('name the vehicle as its two topic levels, and read back only what names a vehicle', () => {
    expect(vehicleUsername({ manufacturer: 'SimCare', serialNumber: 'SC-001' })).toBe('SimCare/SC-001');
    expect(vehicleOfUsername('SimCare/SC-001')).toEqual({ manufacturer: 'SimCare', serialNumber: 'SC-001' });
    for (const other of ['opiekun', 'monitor', 'SimCare/SC 001', 'SimCare/+', '#/SC-001', 'a/b/c', '/SC-001', 'SimCare/']) expect(vehicleOfUsername(other)).toBeUndefined();
  });
});

describe('VehicleClient login', () => {
  let broker: InProcessBroker | undefined;
  let client: VehicleClient | undefined;

  afterEach(async () => {
    await client?.close();
    await broker?.stop();
  });

  it('logs in as {manufacturer}/{serialNumber} with the password it is given, and anonymously without one', async () => {
    const logins: [string | undefined, string | undefined][] = [];
    broker = await startBroker({
      authenticate: (_client, username, password, done) => {
        logins.push([username, password?.toString()]);
        done(null, true);
      },
    });
    client = new VehicleClient({ manufacturer: 'SimCare', serialNumber: 'SC-001', url: broker.url, password: 'vehicle-password-1', mqttOptions: { reconnectPeriod: 0 } });
    await nextEvent(client, 'connect');
    await client.close();
    client = new VehicleClient({ manufacturer: 'SimCare', serialNumber: 'SC-002', url: broker.url, mqttOptions: { reconnectPeriod: 0 } });
    await nextEvent(client, 'connect');
    expect(logins).toEqual([['SimCare/SC-001', 'vehicle-password-1'], [undefined, undefined]]);
  });
});
