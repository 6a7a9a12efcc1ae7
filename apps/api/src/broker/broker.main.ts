// `npm run broker -- [--port 1883] [--host 0.0.0.0]`: the api's embedded MQTT broker (aedes) as a process of its own.
// For sites that want the broker apart from the api (restart one without the other), and for the chaos soak, which
// kills and restarts it. Retained messages live in memory, as in a Mosquitto without persistence.
// Access control as in the api, from the same environment: MQTT_MASTER_PASSWORD and MQTT_VEHICLE_PASSWORD must be set
// (the api, started with MQTT_URL, logs in with the same MQTT_MASTER_USERNAME / MQTT_MASTER_PASSWORD), unless
// MQTT_ACCESS_CONTROL=false; MQTT_PASSWORD_FILE gives logins passwords of their own, MQTT_TLS_CERT_FILE and
// MQTT_TLS_KEY_FILE a TLS listener on MQTT_TLS_PORT (README, "MQTT access control").
import { parseArgs } from 'node:util';
import { environmentConfig } from '../config/app-config';
import { BrokerAccessPolicy } from './broker-access.policy';
import { brokerLogins } from './broker-logins';
import { brokerTls, type BrokerTls } from './broker-tls';
import { BrokerPortInUseError, EmbeddedBroker } from './embedded-broker';

function fail(message: string, code: number): never {
  process.stderr.write(`broker: ${message}\n`);
  process.exit(code);
}

function options(): { port: number; host: string } {
  let values: { port?: string; host?: string };
  try {
    values = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\nusage: npm run broker -- [--port 1883] [--host 0.0.0.0]`, 2);
  }
  const port = Number(values.port ?? '1883');
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be 1–65535, got "${values.port}"`, 2);
  return { port, host: values.host ?? '0.0.0.0' };
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function configured(): { policy: BrokerAccessPolicy | 'open'; tls: BrokerTls | undefined } {
  try {
    const config = environmentConfig();
    const tls = brokerTls(config);
    if (!config.MQTT_ACCESS_CONTROL) return { policy: 'open', tls };
    const logins = brokerLogins(config, undefined, { log, warn: log });
    return { policy: new BrokerAccessPolicy(logins, config.MQTT_INTERFACE_NAME), tls };
  } catch (error) {
    return fail((error as Error).message, 2);
  }
}

async function main(): Promise<void> {
  const { port, host } = options();
  const { policy, tls } = configured();
  const broker = new EmbeddedBroker(port, host, { access: policy, log, tls });
  try {
    await broker.start();
  } catch (error) {
    fail(error instanceof BrokerPortInUseError ? error.message : (error as Error).message, 1);
  }
  const secure = tls ? `, TLS on ${tls.host}:${broker.listeningTlsPort}` : '';
  log(`MQTT broker listening on ${host}:${broker.listeningPort}${secure}, access control ${policy === 'open' ? 'OFF (MQTT_ACCESS_CONTROL=false): anyone may command the robots' : 'on'}`);
  const stop = (): void => void broker.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
