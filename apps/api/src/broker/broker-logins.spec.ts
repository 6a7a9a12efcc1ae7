import { loadConfig } from '../config/app-config';
import { BrokerAccessPolicy } from './broker-access.policy';
import { brokerAccess, brokerLogins, randomPassword } from './broker-logins';

describe('brokerLogins', () => {
  it('takes the configured passwords', () => {
    const config = loadConfig({ MQTT_MASTER_USERNAME: 'fleet-manager', MQTT_MASTER_PASSWORD: 'master-secret-1', MQTT_VEHICLE_PASSWORD: 'vehicle-secret-1', MQTT_MONITOR_PASSWORD: 'monitor-secret-1' });
    expect(brokerLogins(config, () => 'generated')).toEqual({
      master: { username: 'fleet-manager', password: 'master-secret-1' },
      vehiclePassword: 'vehicle-secret-1',
      monitorPassword: 'monitor-secret-1',
    });
  });

  it('in the api, makes the master and vehicle passwords for the run when unset; no monitor unless configured', () => {
    const made = ['first-made-password', 'second-made-password'];
    const logins = brokerLogins(loadConfig({}), () => made.shift()!);
    expect(logins).toEqual({ master: { username: 'opiekun', password: 'first-made-password' }, vehiclePassword: 'second-made-password', monitorPassword: undefined });
  });

  it('for a broker apart from the api, names every password that must be set', () => {
    expect(() => brokerLogins(loadConfig({}))).toThrow(/MQTT_MASTER_PASSWORD must be set[\s\S]*MQTT_VEHICLE_PASSWORD must be set/);
    expect(() => brokerLogins(loadConfig({ MQTT_MASTER_PASSWORD: 'master-secret-1' }))).toThrow(/^(?![\s\S]*MQTT_MASTER_PASSWORD)[\s\S]*MQTT_VEHICLE_PASSWORD must be set/);
  });

  it('makes passwords that differ from run to run', () => {
    const made = new Set(Array.from({ length: 20 }, randomPassword));
    expect(made.size).toBe(20);
    for (const password of made) expect(password.length).toBeGreaterThanOrEqual(24);
  });
});

describe('brokerAccess', () => {
  const logins = { master: { username: 'opiekun', password: 'master-secret-1' } };

  it('enforces the logins by default and is open only with MQTT_ACCESS_CONTROL=false', () => {
    expect(brokerAccess(loadConfig({}), logins)).toBeInstanceOf(BrokerAccessPolicy);
    expect(brokerAccess(loadConfig({ MQTT_ACCESS_CONTROL: 'false' }), logins)).toBe('open');
  });
});
