import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerAccessPolicy, type BrokerIdentity, type PublishVerdict } from './broker-access.policy';
import { parsePasswordFile } from './password-file';

const LOGINS = { master: { username: 'opiekun', password: 'master-password-1' }, vehiclePassword: 'vehicle-password-1', monitorPassword: 'monitor-password-1' };
const policy = new BrokerAccessPolicy(LOGINS, 'uagv');
const MASTER: BrokerIdentity = { role: 'master' };
const MONITOR: BrokerIdentity = { role: 'monitor' };
const R1: BrokerIdentity = { role: 'vehicle', vehicle: { manufacturer: 'SimCare', serialNumber: 'SC-001' } };
const password = (text: string) => Buffer.from(text);

describe('BrokerAccessPolicy: who logs in', () => {
  it.each<[string, string | undefined, string | undefined, BrokerIdentity | undefined]>([
    ['master control', 'opiekun', 'master-password-1', MASTER],
    ['the monitor', 'monitor', 'monitor-password-1', MONITOR],
    ['a vehicle, by manufacturer/serial', 'SimCare/SC-001', 'vehicle-password-1', R1],
    ['nobody without a username', undefined, 'master-password-1', undefined],
    ['nobody without a password', 'opiekun', undefined, undefined],
    ['not master control with a wrong password', 'opiekun', 'master-password-2', undefined],
    ['not master control with the vehicles\' password', 'opiekun', 'vehicle-password-1', undefined],
    ['not a vehicle with the master\'s password', 'SimCare/SC-001', 'master-password-1', undefined],
    ['not the monitor with a wrong password', 'monitor', 'vehicle-password-1', undefined],
    ['not a username that names no vehicle', 'SC-001', 'vehicle-password-1', undefined],
    ['not a username with a wildcard', 'SimCare/+', 'vehicle-password-1', undefined],
    ['not a username with three levels', 'SimCare/SC-001/x', 'vehicle-password-1', undefined],
  ])('%s', async (_case, username, given, expected) => {
    await expect(policy.identify(username, given === undefined ? undefined : password(given))).resolves.toEqual(expected);
  });

  it('lets no vehicle and no monitor in when their passwords are not configured', async () => {
    const masterOnly = new BrokerAccessPolicy({ master: LOGINS.master }, 'uagv');
    await expect(masterOnly.identify('SimCare/SC-001', password('vehicle-password-1'))).resolves.toBeUndefined();
    await expect(masterOnly.identify('monitor', password('monitor-password-1'))).resolves.toBeUndefined();
    await expect(masterOnly.identify('monitor', password(''))).resolves.toBeUndefined();
  });
});

describe('BrokerAccessPolicy: passwords of their own (MQTT_PASSWORD_FILE)', () => {
  // written by mosquitto_passwd 2.0.11: SC-001 sha512-pbkdf2 ($7$), SC-002 sha512 ($6$), monitor $7$
  const file = parsePasswordFile(readFileSync(join(__dirname, '../../../../test/fixtures/mosquitto.passwd'), 'utf8'), 'fixture');
  const withFile = new BrokerAccessPolicy({ ...LOGINS, monitorPassword: undefined, passwordFile: { lookup: (username) => file.get(username), decoyCheck: async () => undefined } }, 'uagv');
  const R2: BrokerIdentity = { role: 'vehicle', vehicle: { manufacturer: 'SimCare', serialNumber: 'SC-002' } };
  const R3: BrokerIdentity = { role: 'vehicle', vehicle: { manufacturer: 'SimCare', serialNumber: 'SC-003' } };

  it.each<[string, string, string, BrokerIdentity | undefined]>([
    ['a listed vehicle with its own password ($7$)', 'SimCare/SC-001', 'sc-001 own password', R1],
    ['a listed vehicle with its own password ($6$)', 'SimCare/SC-002', 'sc-002 own password', R2],
    ['not a listed vehicle with the shared password', 'SimCare/SC-001', 'vehicle-password-1', undefined],
    ["not a listed vehicle with another vehicle's own password", 'SimCare/SC-001', 'sc-002 own password', undefined],
    ['a vehicle without a line, with the shared password', 'SimCare/SC-003', 'vehicle-password-1', R3],
    ["not a vehicle without a line, with a listed vehicle's password", 'SimCare/SC-003', 'sc-001 own password', undefined],
    ['the monitor by its line, though MQTT_MONITOR_PASSWORD is unset', 'monitor', 'monitor file password', MONITOR],
    ['master control without a line, by its configured password', 'opiekun', 'master-password-1', MASTER],
  ])('%s', async (_case, username, given, expected) => {
    await expect(withFile.identify(username, password(given))).resolves.toEqual(expected);
  });
});

describe('BrokerAccessPolicy: what each may publish', () => {
  it.each<[BrokerIdentity, string, boolean]>([
    [MASTER, 'uagv/v2/SimCare/SC-003/order', true],
    [MASTER, 'uagv/v2/SimCare/SC-003/instantActions', true],
    [MASTER, 'uagv/v2/SimCare/SC-003/state', false],
    [MASTER, 'uagv/v2/SimCare/SC-003/connection', false],
    [MASTER, 'uagv/v2/+/+/order', false],
    [MASTER, 'uagv/v1/SimCare/SC-003/order', false],
    [MASTER, 'other/v2/SimCare/SC-003/order', false],
    [MASTER, '$SYS/broker/order', false],
    [R1, 'uagv/v2/SimCare/SC-001/state', true],
    [R1, 'uagv/v2/SimCare/SC-001/connection', true],
    [R1, 'uagv/v2/SimCare/SC-001/factsheet', true],
    [R1, 'uagv/v2/SimCare/SC-001/visualization', true],
    [R1, 'uagv/v2/SimCare/SC-001/order', false],
    [R1, 'uagv/v2/SimCare/SC-001/instantActions', false],
    [R1, 'uagv/v2/SimCare/SC-003/state', false],
    [R1, 'uagv/v2/SimCare/SC-003/instantActions', false],
    [R1, 'uagv/v2/OtherMaker/SC-001/state', false],
    [R1, 'uagv/v2/SimCare/SC-001/state/extra', false],
    [R1, 'elsewhere', false],
    [MONITOR, 'uagv/v2/SimCare/SC-001/state', false],
    [MONITOR, 'uagv/v2/SimCare/SC-001/order', false],
  ])('%j on %s: %s', (identity, topic, allowed) => {
    expect(policy.mayPublish(identity, topic)).toBe(allowed);
  });

  it('follows the configured interface name', () => {
    const care = new BrokerAccessPolicy(LOGINS, 'care');
    expect(care.mayPublish(R1, 'care/v2/SimCare/SC-001/state')).toBe(true);
    expect(care.mayPublish(R1, 'uagv/v2/SimCare/SC-001/state')).toBe(false);
  });
});

describe('BrokerAccessPolicy: a publish not allowed is dropped or closes the connection', () => {
  it.each<[BrokerIdentity, string, PublishVerdict]>([
    [R1, 'uagv/v2/SimCare/SC-001/state', 'forward'],
    [MASTER, 'uagv/v2/SimCare/SC-001/order', 'forward'],
    // A vendor's own topics under the vehicle's prefix speak for nobody else.
    [R1, 'uagv/v2/SimCare/SC-001/diagnostics', 'drop'],
    [R1, 'uagv/v2/SimCare/SC-001/state/extra', 'drop'],
    [R1, 'uagv/v2/SimCare/SC-001/order/extra', 'drop'],
    [R1, 'uagv/v2/SimCare/SC-001/vendor/a/b', 'drop'],
    // Master control's topics, other vehicles' and anything outside the prefix: impersonation, never tolerated.
    [R1, 'uagv/v2/SimCare/SC-001/order', 'refuse'],
    [R1, 'uagv/v2/SimCare/SC-001/instantActions', 'refuse'],
    [R1, 'uagv/v2/SimCare/SC-003/diagnostics', 'refuse'],
    [R1, 'uagv/v2/SimCare/SC-003/state', 'refuse'],
    [R1, 'uagv/v2/SimCare/SC-0011/diagnostics', 'refuse'],
    [R1, 'uagv/v2/OtherMaker/SC-001/diagnostics', 'refuse'],
    [R1, 'uagv/v2/SimCare/SC-001', 'refuse'],
    [R1, 'uagv/v1/SimCare/SC-001/diagnostics', 'refuse'],
    [R1, 'other/v2/SimCare/SC-001/diagnostics', 'refuse'],
    [R1, 'elsewhere', 'refuse'],
    [MASTER, 'uagv/v2/SimCare/SC-001/diagnostics', 'refuse'],
    [MASTER, 'uagv/v2/SimCare/SC-001/state', 'refuse'],
    [MONITOR, 'uagv/v2/SimCare/SC-001/diagnostics', 'refuse'],
    [MONITOR, 'uagv/v2/SimCare/SC-001/order', 'refuse'],
  ])('%j on %s: %s', (identity, topic, verdict) => {
    expect(policy.publishVerdict(identity, topic)).toBe(verdict);
  });
});

describe('BrokerAccessPolicy: what each may subscribe to', () => {
  it.each<[BrokerIdentity, string, boolean]>([
    [MASTER, 'uagv/v2/+/+/state', true],
    [MASTER, 'uagv/v2/+/+/connection', true],
    [MASTER, 'uagv/v2/+/+/factsheet', true],
    [MASTER, 'uagv/v2/+/+/visualization', true],
    [MASTER, 'uagv/v2/SimCare/SC-001/state', true],
    [MASTER, 'uagv/v2/+/+/order', false],
    [MASTER, 'uagv/v2/+/+/instantActions', false],
    [MASTER, 'uagv/#', false],
    [MASTER, '#', false],
    [R1, 'uagv/v2/SimCare/SC-001/order', true],
    [R1, 'uagv/v2/SimCare/SC-001/instantActions', true],
    [R1, 'uagv/v2/SimCare/SC-003/order', false],
    [R1, 'uagv/v2/SimCare/+/order', false],
    [R1, 'uagv/v2/+/+/instantActions', false],
    [R1, 'uagv/v2/SimCare/SC-001/state', false],
    [R1, 'uagv/v2/SimCare/SC-001/#', true],
    [R1, 'uagv/v2/SimCare/SC-001/+', true],
    [R1, 'uagv/v2/SimCare/SC-003/#', false],
    [R1, 'uagv/v2/SimCare/SC-003/+', false],
    [R1, 'uagv/v2/SimCare/+/#', false],
    [R1, 'uagv/v2/+/SC-001/#', false],
    [R1, 'uagv/v2/SimCare/#', false],
    [R1, 'uagv/v2/SimCare/SC-001/+/#', false],
    [R1, 'uagv/v1/SimCare/SC-001/#', false],
    [R1, 'other/v2/SimCare/SC-001/#', false],
    [R1, 'uagv/#', false],
    [R1, '#', false],
    [MONITOR, '#', true],
    [MONITOR, 'uagv/#', true],
    [MONITOR, 'uagv/v2/+/+/order', true],
  ])('%j to %s: %s', (identity, filter, allowed) => {
    expect(policy.maySubscribe(identity, filter)).toBe(allowed);
  });
});
