import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { master123Line } from '../fixtures/mosquitto-lines';
import { ApiProcess } from './support/api-process';
import { freePort } from './support/free-port';

/** Bad configuration is refused at start with a message that names the problem, and the api does not start. */
const ROOT = resolve(__dirname, '../..');

function runApi(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return run('dist/apps/api/src/main.js', [], env);
}

/** `npm run broker` on a free loopback port. */
async function runBroker(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return run('dist/apps/api/src/broker/broker.main.js', ['--port', String(await freePort()), '--host', '127.0.0.1'], env);
}

function run(program: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, program), ...args], {
      cwd: ROOT,
      env: { ...process.env, SIM_ROBOTS: '0', HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('start-up refuses bad configuration with a clear message', () => {
  jest.setTimeout(30_000);
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'opiekun-refusals-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every invalid environment variable and exits with 2', async () => {
    const { code, output } = await runApi({ PORT: 'eighty', SIM_TIME_SCALE: '0', MQTT_URL: 'localhost:1883' });
    expect(code).toBe(2);
    expect(output).toMatch(/PORT="eighty"/);
    expect(output).toMatch(/SIM_TIME_SCALE="0"/);
    expect(output).toMatch(/MQTT_URL="localhost:1883"/);
  });

  it('names the dangling edge of a bad facility file', async () => {
    const facility = JSON.parse(readFileSync(join(ROOT, 'assets/facilities/mco-demo.json'), 'utf8'));
    facility.edges.push({ from: facility.nodes[0].id, to: 'NOWHERE', kind: 'corridor' });
    const file = join(dir, 'bad-facility.json');
    writeFileSync(file, JSON.stringify(facility));
    const { code, output } = await runApi({ FACILITY_FILE: file, PORT: String(await freePort()), DB_PATH: join(dir, 'a.sqlite') });
    expect(code).toBe(2);
    expect(output).toMatch(/FACILITY_FILE=.*bad-facility\.json/);
    expect(output).toMatch(/NOWHERE/);
  });

  it('lists every mistake of a care file, each naming CARE_FILE and the entry, and exits with 2 before the database is touched', async () => {
    const care = JSON.parse(readFileSync(join(ROOT, 'assets/care/mco-demo-care.json'), 'utf8'));
    care.carePlans[0].activity.serviceS = null;
    care.carePlans[1].activty = care.carePlans[1].activity;
    const file = join(dir, 'bad-care.json');
    writeFileSync(file, JSON.stringify(care));
    const dbPath = join(dir, 'care', 'never.sqlite');
    const shape = await runApi({ CARE_FILE: file, PORT: String(await freePort()), DB_PATH: dbPath });
    expect(shape.code).toBe(2);
    expect(shape.output).toContain(`CARE_FILE=${file}: carePlans[0].activity.serviceS must be a number`);
    expect(shape.output).toContain(`CARE_FILE=${file}: carePlans[1].activty is not a field of a care file`);

    const entries = JSON.parse(readFileSync(join(ROOT, 'assets/care/mco-demo-care.json'), 'utf8'));
    entries.residents[1] = { ...entries.residents[0], displayName: 'Ktoś Inny' };
    entries.wards[1].id = 'F1';
    entries.staffWards.opiekunka = ['NOWARD'];
    entries.shiftChanges = ['07:00', '07:00'];
    writeFileSync(file, JSON.stringify(entries));
    const { code, output } = await runApi({ CARE_FILE: file, PORT: String(await freePort()), DB_PATH: dbPath });
    expect(code).toBe(2);
    for (const problem of [
      'shiftChanges: times must be distinct and in ascending order',
      'wards[1].id: ward "F1" is listed already (wards[0])',
      'residents[1]: bed 1 of room 101 is taken',
      'staffWards.opiekunka[0]: unknown ward "NOWARD"',
    ]) {
      expect(output).toContain(`CARE_FILE=${file}: ${problem}`);
    }
    for (const run of [shape, { code, output }]) expect(run.output).not.toMatch(/ExceptionHandler|\n\s+at |HTTP server|Nest application|MQTT/);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('refuses a care file whose plans have run out to a database that would get it, not to one seeded already (a restart after a power cut)', async () => {
    const care = JSON.parse(readFileSync(join(ROOT, 'assets/care/mco-demo-care.json'), 'utf8'));
    Object.assign(care.carePlans[0], { startsOn: '2025-01-01', endsOn: '2025-01-31' });
    const file = join(dir, 'run-out-care.json');
    writeFileSync(file, JSON.stringify(care));
    const refused = `CARE_FILE=${file}: carePlans[0].rrule: no occurrence from `;

    const freshDb = join(dir, 'run-out', 'fresh.sqlite');
    const fresh = await runApi({ CARE_FILE: file, PORT: String(await freePort()), DB_PATH: freshDb });
    expect(fresh.code).toBe(2);
    expect(fresh.output).toContain(refused);
    expect(existsSync(freshDb)).toBe(false);

    // A database that is there is asked for a ward once it is open: none, so it would get the file.
    const emptyDb = join(dir, 'run-out', 'empty.sqlite');
    await (await ApiProcess.start({ dbPath: emptyDb, env: { CARE_FILE: 'none' } })).stop();
    const empty = await runApi({ CARE_FILE: file, PORT: String(await freePort()), MQTT_PORT: String(await freePort()), DB_PATH: emptyDb });
    expect(empty.code).toBe(2);
    expect(empty.output).toContain(refused);
    expect(empty.output).not.toMatch(/ExceptionHandler|\n\s+at |start-up failed/);

    const seededDb = join(dir, 'run-out', 'seeded.sqlite');
    await (await ApiProcess.start({ dbPath: seededDb })).stop();
    const restarted = await ApiProcess.start({ dbPath: seededDb, env: { CARE_FILE: file } });
    try {
      expect(restarted.logs).not.toContain('CARE_FILE');
    } finally {
      await restarted.stop();
    }
  });

  it('refuses a scenario for this facility that the simulator would refuse, naming SCENARIO_FILE, before anything starts', async () => {
    const scenario = JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/demo-day.json'), 'utf8'));
    scenario.robots[0].start = 'NOPE';
    scenario.robots[1].serialNumber = scenario.robots[2].serialNumber;
    scenario.robots[3].speed = -1;
    scenario.robots[4].manufacturer = '';
    const file = join(dir, 'bad-scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    const { code, output } = await runApi({ SIM_ROBOTS: '6', SCENARIO_FILE: file, PORT: String(await freePort()), DB_PATH: join(dir, 's.sqlite') });
    expect(code).toBe(2);
    expect(output).toMatch(new RegExp(`SCENARIO_FILE=${file} is not a valid scenario`));
    expect(output).toMatch(/start: unknown node "NOPE"/);
    expect(output).toMatch(/robot id ".*" is used more than once/);
    expect(output).toMatch(/speed must be positive \(got -1\)/);
    expect(output).toMatch(/manufacturer must be a non-empty string/);
    expect(output).not.toMatch(/simulator|MQTT|Nest application/);

    const unnamed = JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/demo-day.json'), 'utf8'));
    delete unnamed.robots[2].model;
    writeFileSync(file, JSON.stringify(unnamed));
    const model = await runApi({ SIM_ROBOTS: '6', SCENARIO_FILE: file, PORT: String(await freePort()), DB_PATH: join(dir, 's.sqlite') });
    expect(model.code).toBe(2);
    expect(model.output).toContain(`SCENARIO_FILE=${file}: robot #2: model must be a non-empty string for the simulator`);
  });

  it('names the variable, in one line and before anything starts, for a missing care file, a taken or forbidden PORT, a HOST not of this machine and a DB_PATH that cannot be', async () => {
    const missingCare = await runApi({ CARE_FILE: join(dir, 'no-such-care.json'), PORT: String(await freePort()), DB_PATH: join(dir, 'c.sqlite') });
    expect(missingCare.code).toBe(2);
    expect(missingCare.output).toMatch(/CARE_FILE=.*no-such-care\.json: ENOENT/);
    expect(missingCare.output).not.toMatch(/ExceptionHandler|\n\s+at /);

    const blocker: Server = createServer();
    const taken = await freePort();
    await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
    try {
      const { code, output } = await runApi({ PORT: String(taken), MQTT_PORT: String(await freePort()), DB_PATH: join(dir, 'd.sqlite') });
      expect(code).toBe(2);
      expect(output).toMatch(new RegExp(`PORT=${taken} is already in use.*set PORT to a free port`));
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }

    const host = await runApi({ HOST: 'nonexistent.invalid', PORT: String(await freePort()), MQTT_PORT: String(await freePort()), DB_PATH: join(dir, 'e.sqlite') });
    expect(host.code).toBe(2);
    expect(host.output).toMatch(/HOST=nonexistent\.invalid is not an address of this machine/);

    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const db = await runApi({ DB_PATH: join(file, 'x.sqlite'), PORT: String(await freePort()), MQTT_PORT: String(await freePort()) });
    expect(db.code).toBe(2);
    expect(db.output).toMatch(/DB_PATH=.*a-file\/x\.sqlite: its folder cannot be made or written/);
    expect(db.output).not.toMatch(/MQTT|Nest application/);
  });

  it('says which variable to set when the MQTT port is taken', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const { code, output } = await runApi({ MQTT_PORT: String(port), PORT: String(await freePort()), DB_PATH: join(dir, 'b.sqlite') });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`MQTT port ${port} is already in use.*MQTT_PORT.*MQTT_URL`));
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('refuses a password file, TLS files or an api login the broker would not take, naming them, before anything starts', async () => {
    const fixtures = join(ROOT, 'test/fixtures');
    const plain = join(dir, 'plain.passwd');
    writeFileSync(plain, '# vehicles\nSimCare/SC-001:not-hashed-password\n');
    const base = { PORT: String(await freePort()), MQTT_PORT: String(await freePort()), DB_PATH: join(dir, 'tls.sqlite') };
    const badFile = await runApi({ ...base, MQTT_PASSWORD_FILE: plain });
    expect(badFile.code).toBe(2);
    expect(badFile.output).toMatch(/MQTT_PASSWORD_FILE .*plain\.passwd line 2 \("SimCare\/SC-001"\): not a hash .*mosquitto_passwd -H sha512-pbkdf2/);
    // the file's line for the api's own login "opiekun" has the password "master password 123"
    const masterLine = join(dir, 'master.passwd');
    writeFileSync(masterLine, `${master123Line('opiekun')}\n`);
    const wrongMaster = await runApi({ ...base, MQTT_PASSWORD_FILE: masterLine, MQTT_MASTER_PASSWORD: 'not the file password' });
    expect(wrongMaster.code).toBe(2);
    expect(wrongMaster.output).toMatch(/line for the api's own login "opiekun" whose password is not MQTT_MASTER_PASSWORD/);
    const halfTls = await runApi({ ...base, MQTT_TLS_CERT_FILE: join(fixtures, 'tls/broker.crt') });
    expect(halfTls.code).toBe(2);
    expect(halfTls.output).toMatch(/MQTT_TLS_KEY_FILE must be set too/);
    const wrongKey = await runApi({ ...base, MQTT_TLS_CERT_FILE: join(fixtures, 'tls/ca.crt'), MQTT_TLS_KEY_FILE: join(fixtures, 'tls/broker.key') });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.output).toMatch(/do not make a TLS certificate/);
    expect(existsSync(base.DB_PATH)).toBe(false);
    // npm run broker reads the same file and refuses it the same way
    const broker = await runBroker({ MQTT_MASTER_PASSWORD: 'broker-master-password', MQTT_VEHICLE_PASSWORD: '', MQTT_PASSWORD_FILE: plain });
    expect(broker.code).toBe(2);
    expect(broker.output).toMatch(/plain\.passwd line 2/);
  });

  it('npm run broker (apart from the api) will not start without the passwords it checks, and names them', async () => {
    const { code, output } = await runBroker({ MQTT_VEHICLE_PASSWORD: 'short' });
    expect(code).toBe(2);
    expect(output).toMatch(/MQTT_VEHICLE_PASSWORD=\(5 characters, not shown\): MQTT_VEHICLE_PASSWORD must be at least 12 characters/);
    const unset = await runBroker({});
    expect(unset.code).toBe(2);
    expect(unset.output).toMatch(/MQTT_MASTER_PASSWORD must be set[\s\S]*MQTT_VEHICLE_PASSWORD must be set/);
  });
});
