import { vehicleUsername } from '@opiekun/vda5050';
import { BrokerAccessPolicy, MONITOR_USERNAME, type BrokerLogins, type MqttLogin } from '../../../apps/api/src/broker/broker-access.policy';
import { EmbeddedBroker } from '../../../apps/api/src/broker/embedded-broker';
import type { BrokerInfo } from '../../../apps/api/src/tokens';

/** The logins of the medium tests' brokers: the api's own, the one every vehicle shares, and the read-only monitor. */
export const TEST_LOGINS = {
  master: { username: 'opiekun', password: 'medium-master-password' },
  vehiclePassword: 'medium-vehicle-password',
  monitorPassword: 'medium-monitor-password',
} as const satisfies BrokerLogins;

export const MONITOR_LOGIN: MqttLogin = { username: MONITOR_USERNAME, password: TEST_LOGINS.monitorPassword };

/** The login of one vehicle (username `{manufacturer}/{serialNumber}`), for a raw MQTT client standing in for it. */
export function vehicleLogin(manufacturer: string, serialNumber: string): MqttLogin {
  return { username: vehicleUsername({ manufacturer, serialNumber }), password: TEST_LOGINS.vehiclePassword };
}

export interface TestBroker {
  readonly broker: EmbeddedBroker;
  readonly url: string;
  /** What the api is given, as main.ts gives it: where the broker is and the api's login. */
  readonly info: BrokerInfo;
}

/**
 * The api's embedded broker on a loopback port the OS picks, enforcing access control with {@link TEST_LOGINS}
 * (as `npm start` runs it), or open (MQTT_ACCESS_CONTROL=false). The test stops it.
 */
export async function startTestBroker(access: 'enforced' | 'open' = 'enforced', interfaceName = 'uagv'): Promise<TestBroker> {
  const broker = new EmbeddedBroker(0, '127.0.0.1', { access: access === 'open' ? 'open' : new BrokerAccessPolicy(TEST_LOGINS, interfaceName) });
  await broker.start();
  const url = `mqtt://127.0.0.1:${broker.listeningPort}`;
  return { broker, url, info: { mode: 'embedded', url, login: TEST_LOGINS.master, refusedCounts: () => broker.refusedCounts(), vehicleConnected: (manufacturer, serialNumber) => broker.vehicleConnected({ manufacturer, serialNumber }) } };
}
