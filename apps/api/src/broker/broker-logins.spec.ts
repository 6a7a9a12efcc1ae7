import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { master123Line } from '../../../../test/fixtures/mosquitto-lines';
import { BrokerAccessPolicy } from './broker-access.policy';
import { brokerAccess, brokerLogins, masterLoginProblem, randomPassword } from './broker-logins';

const FIXTURE = join(__dirname, '../../../../test/fixtures/mosquitto.passwd');
/** mosquitto_passwd's line for the login "opiekun" with the password "master password 123". */
const MASTER_LINE = master123Line('opiekun');

describe('brokerLogins', () => {
  it('takes the configured passwords', () => {
    const config = loadConfig({ MQTT_MASTER_USERNAME: 'fleet-manager', MQTT_MASTER_PASSWORD: 'master-secret-1', MQTT_VEHICLE_PASSWORD: 'vehicle-secret-1', MQTT_MONITOR_PASSWORD: 'monitor-secret-1' });
    expect(brokerLogins(config, () => 'generated')).toEqual({
      master: { username: 'fleet-manager', password: 'master-secret-1' },
      vehiclePassword: 'vehicle-secret-1',
      monitorPassword: 'monitor-secret-1',
      passwordFile: undefined,
    });
  });

  it('in the api, makes the master and vehicle passwords for the run when unset; no monitor unless configured', () => {
    const made = ['first-made-password', 'second-made-password'];
    const logins = brokerLogins(loadConfig({}), () => made.shift()!);
    expect(logins).toEqual({ master: { username: 'opiekun', password: 'first-made-password' }, vehiclePassword: 'second-made-password', monitorPassword: undefined, passwordFile: undefined });
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

describe('brokerLogins with MQTT_PASSWORD_FILE', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'opiekun-logins-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const file = (text: string) => {
    const path = join(folder, 'passwd');
    writeFileSync(path, text);
    return path;
  };

  it('for a broker apart from the api, needs no shared vehicle password when vehicles have their own', () => {
    const logins = brokerLogins(loadConfig({ MQTT_MASTER_PASSWORD: 'master-secret-1', MQTT_PASSWORD_FILE: FIXTURE }));
    expect(logins.vehiclePassword).toBeUndefined();
    expect(logins.passwordFile?.lookup('SimCare/SC-001')).toMatchObject({ scheme: 'sha512-pbkdf2' });
    // …nor the master's, when the file has a line for it (the api, elsewhere, logs in with that line's password)
    const masterInFile = brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: file(`${MASTER_LINE}\n`) }));
    expect(masterInFile.passwordFile?.lookup('opiekun')).toBeDefined();
    expect(() => brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: FIXTURE }))).toThrow(/MQTT_MASTER_PASSWORD must be set.*or give it a line in MQTT_PASSWORD_FILE/);
  });

  it('refuses a file that cannot be read or does not parse, as a configuration error naming it and the line', () => {
    expect(() => brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: join(folder, 'missing') }), () => 'made-password-12')).toThrow(/^Invalid configuration:\n {2}MQTT_PASSWORD_FILE .*missing cannot be read: ENOENT/);
    expect(() => brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: file('# vehicles\nSimCare/SC-001:plain\n') }), () => 'made-password-12')).toThrow(/passwd line 2 \("SimCare\/SC-001"\): not a hash/);
  });

  it("stops the api when the file's line for its own login does not take the api's password", async () => {
    const path = file(`${MASTER_LINE}\n`);
    const right = brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: path, MQTT_MASTER_PASSWORD: 'master password 123' }), randomPassword);
    await expect(masterLoginProblem(right)).resolves.toBeUndefined();
    const wrong = brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: path, MQTT_MASTER_PASSWORD: 'another master 123' }), randomPassword);
    await expect(masterLoginProblem(wrong)).resolves.toMatch(/line for the api's own login "opiekun" whose password is not MQTT_MASTER_PASSWORD/);
    const made = brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: path }), randomPassword);
    await expect(masterLoginProblem(made)).resolves.toMatch(/unset: the api makes one for each run/);
    await expect(masterLoginProblem(brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: FIXTURE }), randomPassword))).resolves.toBeUndefined();
  });

  it('names the lines nobody can log in with (a shared Mosquitto file may hold other users) in the broker\'s log', () => {
    const path = join(folder, 'passwd');
    copyFileSync(FIXTURE, path);
    writeFileSync(path, `${MASTER_LINE.replace('opiekun', 'grafana')}\n${MASTER_LINE.replace('opiekun', 'fleet-manager')}\n`, { flag: 'a' });
    const warned: string[] = [];
    const logins = brokerLogins(loadConfig({ MQTT_PASSWORD_FILE: path, MQTT_MASTER_USERNAME: 'fleet-manager' }), randomPassword, { log: () => undefined, warn: (line) => warned.push(line) });
    // given a log, the broker's logins watch the file (a timer): stopped here as the broker's stop() does
    logins.passwordFile?.close?.();
    expect(warned).toEqual([expect.stringMatching(/nobody can log in as "grafana" \(/)]);
  });
});

describe('brokerAccess', () => {
  const logins = { master: { username: 'opiekun', password: 'master-secret-1' } };

  it('enforces the logins by default and is open only with MQTT_ACCESS_CONTROL=false', () => {
    expect(brokerAccess(loadConfig({}), logins)).toBeInstanceOf(BrokerAccessPolicy);
    expect(brokerAccess(loadConfig({ MQTT_ACCESS_CONTROL: 'false' }), logins)).toBe('open');
  });
});
