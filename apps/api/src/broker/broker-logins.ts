import { randomBytes } from 'node:crypto';
import { ConfigError, type AppConfig } from '../config/app-config';
import { BrokerAccessPolicy, type BrokerLogins } from './broker-access.policy';

/** A password for one run of the api, when none is configured: 144 random bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The logins of an embedded broker from the configuration. `generate` stands in for an unset master or vehicle
 * password (the api: its own client and the simulated fleet it starts are the only ones to need them); without it
 * (`npm run broker`, a process apart from the api) both must be configured.
 * @throws ConfigError naming every variable that must be set.
 */
export function brokerLogins(config: AppConfig, generate?: () => string): BrokerLogins {
  const { MQTT_MASTER_PASSWORD: master, MQTT_VEHICLE_PASSWORD: vehicles } = config;
  if (master !== undefined && vehicles !== undefined) {
    return { master: { username: config.MQTT_MASTER_USERNAME, password: master }, vehiclePassword: vehicles, monitorPassword: config.MQTT_MONITOR_PASSWORD };
  }
  if (generate) return brokerLogins({ ...config, MQTT_MASTER_PASSWORD: master ?? generate(), MQTT_VEHICLE_PASSWORD: vehicles ?? generate() });
  const missing = Object.entries({ MQTT_MASTER_PASSWORD: master, MQTT_VEHICLE_PASSWORD: vehicles }).filter(([, value]) => value === undefined);
  const lines = missing.map(([name]) => `  ${name} must be set: the broker checks the logins of the api and of the vehicles (or set MQTT_ACCESS_CONTROL=false)`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** What the embedded broker enforces: the logins' rules, or nothing with MQTT_ACCESS_CONTROL=false. */
export function brokerAccess(config: AppConfig, logins: BrokerLogins): BrokerAccessPolicy | 'open' {
  return config.MQTT_ACCESS_CONTROL ? new BrokerAccessPolicy(logins, config.MQTT_INTERFACE_NAME) : 'open';
}
