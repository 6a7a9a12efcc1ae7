/**
 * The MQTT logins of the e2e tests: the environment they give every program they start — the api (its embedded broker
 * checks these logins; with MQTT_URL it logs in with the master one), `npm run broker` and robot-sim — and the
 * read-only login their wire captures use. Loopback only, so fixed values do.
 */
export const E2E_MQTT_ENV = {
  MQTT_MASTER_PASSWORD: 'e2e-master-password',
  MQTT_VEHICLE_PASSWORD: 'e2e-vehicle-password',
  MQTT_MONITOR_PASSWORD: 'e2e-monitor-password',
} as const;

export const E2E_MONITOR_LOGIN = { username: 'monitor', password: E2E_MQTT_ENV.MQTT_MONITOR_PASSWORD } as const;
