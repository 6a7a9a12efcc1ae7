import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { correctHorseLine } from '../fixtures/mosquitto-lines';
import { ApiProcess, waitFor } from './support/api-process';
import { freePort } from './support/free-port';
import { E2E_MQTT_ENV } from './support/mqtt-logins';
import { Program } from './support/programs';

/**
 * The built api with its embedded broker's TLS listener and a password file, and the real simulator (its own process)
 * connecting over `mqtts://` with the test authority (`--ca`): vehicles the file lists log in only with their own
 * password, the others with the shared one; a task over REST completes over TLS; a line added to the file lets its
 * vehicle in without a restart.
 */
const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures');
const SIM = join(ROOT, 'dist/robot-sim/src/cli.js');
/** mosquitto_passwd's line for SimCare/SC-003 with the password "correct horse battery". */
const SC_003_LINE = correctHorseLine('SimCare/SC-003');

interface RobotBody { id: string; connection: string; actions: string[] }
interface Health { broker: { accessRefused: { connect: number } } }

describe('MQTT over TLS with vehicles\' own passwords: the built api and the real simulator', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let api: ApiProcess;
  const sims: Program[] = [];
  const simulator = (robots: number, password: string, tlsPort: number) =>
    new Program(
      'robot-sim',
      process.execPath,
      [SIM, '--scenario', 'assets/scenarios/demo-day.json', '--robots', String(robots), '--broker', `mqtts://localhost:${tlsPort}`, '--ca', join(FIXTURES, 'tls/ca.crt'), '--time-scale', '50', '--visualization-ms', '0'],
      { ...process.env, MQTT_VEHICLE_PASSWORD: password, MQTT_CA_FILE: '' },
    ).start();
  /** Robots online with their factsheet read (a task no known robot can do is refused with 422). */
  const online = async () => (await api.get<RobotBody[]>('/api/robots')).filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).map((r) => r.id).sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-tls-e2e-'));
    copyFileSync(join(FIXTURES, 'mosquitto.passwd'), join(dir, 'passwd'));
  });

  afterAll(async () => {
    for (const sim of sims) await sim.stop();
    await api?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets in over TLS only who the file and the shared password allow; a task completes; a new line needs no restart', async () => {
    const tlsPort = await freePort();
    api = await ApiProcess.start({
      env: {
        CARE_FILE: 'none',
        MQTT_TLS_CERT_FILE: join(FIXTURES, 'tls/broker.crt'),
        MQTT_TLS_KEY_FILE: join(FIXTURES, 'tls/broker.key'),
        MQTT_TLS_PORT: String(tlsPort),
        MQTT_TLS_HOST: '127.0.0.1',
        MQTT_PASSWORD_FILE: join(dir, 'passwd'),
        LOG_LEVEL: 'log',
      },
    });
    expect(api.logs).toMatch(new RegExp(`MQTT over TLS on 127\\.0\\.0\\.1:${tlsPort}`));
    // SC-001 and SC-002 have lines of their own in the file: the shared password does not open them; SC-003 has none
    sims.push(simulator(3, E2E_MQTT_ENV.MQTT_VEHICLE_PASSWORD, tlsPort));
    await waitFor('SC-003 online over TLS', async () => ((await online()).includes('SimCare:SC-003') ? true : undefined), 20_000);
    await waitFor('the listed robots refused', async () => ((await api.get<Health>('/health')).broker.accessRefused.connect >= 2 ? true : undefined), 20_000);
    expect(await online()).toEqual(['SimCare:SC-003']);

    const { status, body } = await api.post<{ id: string }>('/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R106', pickAction: 'pick', dropAction: 'drop', requires: ['pick', 'drop'], serviceS: 20 });
    expect({ status, body }).toMatchObject({ status: 201 });
    await waitFor('the meal delivered over TLS', async () => ((await api.get<{ status: string }>(`/api/tasks/${body.id}`)).status === 'completed' ? true : undefined), 60_000);
    expect((await api.get<{ robotId?: string }>(`/api/tasks/${body.id}`)).robotId).toBe('SimCare:SC-003');

    // SC-001 with its own password (a simulator of its own: the simulator gives all its robots one password)
    sims.push(simulator(1, 'sc-001 own password', tlsPort));
    await waitFor('SC-001 online with its own password', async () => ((await online()).includes('SimCare:SC-001') ? true : undefined), 20_000);

    // SC-003 given a password of its own: the shared one no longer opens it, once it reconnects. The broker takes the
    // edit once the file has settled, and says so
    await sims[0]!.stop();
    await waitFor('SC-003 offline', async () => (!(await online()).includes('SimCare:SC-003') ? true : undefined), 20_000);
    writeFileSync(join(dir, 'passwd'), `${SC_003_LINE}\n`, { flag: 'a' });
    await waitFor('the edit taken', async () => (/passwd read again: 4 logins with a password of their own/.test(api.logs) ? true : undefined), 10_000);
    sims.push(simulator(3, E2E_MQTT_ENV.MQTT_VEHICLE_PASSWORD, tlsPort));
    await waitFor('SC-003 refused with the shared password', async () => (/unknown username "SimCare\/SC-003" or wrong password/.test(api.logs) ? true : undefined), 20_000);
    expect(await online()).toEqual(['SimCare:SC-001']);
    await sims[2]!.stop();
    sims.push(simulator(3, 'correct horse battery', tlsPort));
    await waitFor('SC-003 back with its own password', async () => ((await online()).includes('SimCare:SC-003') ? true : undefined), 20_000);
  });

  it('the simulator refuses a --ca file that is not a certificate, naming it', async () => {
    const sim = new Program('robot-sim', process.execPath, [SIM, '--robots', '1', '--broker', 'mqtts://localhost:1', '--ca', join(FIXTURES, 'tls/broker.key')]).start();
    const deadline = Date.now() + 10_000;
    while (sim.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sim.running).toBe(false);
    expect(sim.logs).toMatch(/--ca .*broker\.key is not a PEM certificate/);
  });
});
