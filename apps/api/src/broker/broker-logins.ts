import { randomBytes } from 'node:crypto';
import { ConfigError, type AppConfig } from '../config/app-config';
import { vehicleOfUsername } from '@opiekun/vda5050';
import { BrokerAccessPolicy, MONITOR_USERNAME, type BrokerLogins } from './broker-access.policy';
import { PasswordFile, PasswordFileError, passwordMatches } from './password-file';

/** Where the password file's news goes (the broker's log): a change taken, and problems (a change refused, strangers). */
export interface PasswordFileLog {
  readonly log: (message: string) => void;
  readonly warn: (message: string) => void;
}

/** A password for one run of the api, when none is configured: 144 random bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The logins of an embedded broker from the configuration. `generate` stands in for an unset master or vehicle
 * password (the api: its own client and the simulated fleet it starts are the only ones to need them); without it
 * (`npm run broker`, a process apart from the api) the master's password must be configured, or be in
 * MQTT_PASSWORD_FILE, and the vehicles' too unless that file gives vehicles passwords of their own.
 * `fileLog` hears of the password file's changes taken or refused, and of lines nobody can log in with.
 * @throws ConfigError naming every variable that must be set, or the password file's problem.
 */
export function brokerLogins(config: AppConfig, generate?: () => string, fileLog?: PasswordFileLog): BrokerLogins {
  const passwordFile = openPasswordFile(config, fileLog);
  const masterInFile = passwordFile?.lookup(config.MQTT_MASTER_USERNAME) !== undefined;
  const master = config.MQTT_MASTER_PASSWORD ?? generate?.() ?? (masterInFile ? randomPassword() : undefined);
  const vehicles = config.MQTT_VEHICLE_PASSWORD ?? generate?.();
  const missing: string[] = [];
  if (master === undefined) missing.push("  MQTT_MASTER_PASSWORD must be set: the broker checks the api's login (or give it a line in MQTT_PASSWORD_FILE; or set MQTT_ACCESS_CONTROL=false)");
  if (vehicles === undefined && !passwordFile) missing.push('  MQTT_VEHICLE_PASSWORD must be set: the broker checks the vehicles\' logins (or give each vehicle its own in MQTT_PASSWORD_FILE; or set MQTT_ACCESS_CONTROL=false)');
  if (master === undefined || missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return { master: { username: config.MQTT_MASTER_USERNAME, password: master }, vehiclePassword: vehicles, monitorPassword: config.MQTT_MONITOR_PASSWORD, passwordFile };
}

function openPasswordFile(config: AppConfig, log?: PasswordFileLog): PasswordFile | undefined {
  if (config.MQTT_PASSWORD_FILE === undefined) return undefined;
  // the roles a username can log in as (BrokerAccessPolicy.roleOf), without the policy that needs these logins
  const knows = (username: string) => username === config.MQTT_MASTER_USERNAME || username === MONITOR_USERNAME || vehicleOfUsername(username) !== undefined;
  try {
    const file = new PasswordFile(config.MQTT_PASSWORD_FILE, { onProblem: log?.warn, onRead: log?.log, knows });
    // the broker's process: edits are taken and logged within a second or two of being saved
    if (log) file.watch();
    return file;
  } catch (error) {
    if (error instanceof PasswordFileError) throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
}

/**
 * Why the api's own client could not log in to its embedded broker: the password file has a line for the master login
 * whose password is not the one the api has (MQTT_MASTER_PASSWORD, or one made for the run).
 */
export async function masterLoginProblem(logins: BrokerLogins): Promise<string | undefined> {
  const line = logins.passwordFile?.lookup(logins.master.username);
  if (!line || (await passwordMatches(line, Buffer.from(logins.master.password)))) return undefined;
  return `MQTT_PASSWORD_FILE has a line for the api's own login "${logins.master.username}" whose password is not MQTT_MASTER_PASSWORD (unset: the api makes one for each run, which no line can match): set MQTT_MASTER_PASSWORD to that password, or take the line out`;
}

/** What the embedded broker enforces: the logins' rules, or nothing with MQTT_ACCESS_CONTROL=false. */
export function brokerAccess(config: AppConfig, logins: BrokerLogins): BrokerAccessPolicy | 'open' {
  return config.MQTT_ACCESS_CONTROL ? new BrokerAccessPolicy(logins, config.MQTT_INTERFACE_NAME) : 'open';
}
