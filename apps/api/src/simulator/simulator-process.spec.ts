import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatorProcess } from './simulator-process';

/**
 * The simulator the api starts is a child process whose command line every user of the machine can read (ps): the
 * broker's URL, which may carry a login, and the vehicles' password go in its environment. A stand-in for robot-sim's
 * CLI writes down what it was given.
 */
describe('SimulatorProcess', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'opiekun-sim-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the broker URL and the vehicles’ password off the command line, in the environment', async () => {
    const cli = join(folder, 'cli.js');
    const seen = join(folder, 'seen.json');
    writeFileSync(cli, `require('node:fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ argv: process.argv.slice(2), broker: process.env.SIM_BROKER_URL, password: process.env.MQTT_VEHICLE_PASSWORD }));`);
    const simulator = new SimulatorProcess({}, cli);
    simulator.start({ robots: 2, brokerUrl: 'mqtts://opiekun:s3cret-master@broker.local:8883', timeScale: 5, facilityFile: 'f.json', vehiclePassword: 'vehicle-s3cret' });
    const deadline = Date.now() + 10_000;
    while (!existsSync(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await simulator.stop();
    const given = JSON.parse(readFileSync(seen, 'utf8')) as { argv: string[]; broker: string; password: string };
    expect(given.argv.join(' ')).not.toContain('s3cret');
    expect(given.argv).toEqual(['--robots', '2', '--time-scale', '5', '--facility', 'f.json']);
    expect(given.broker).toBe('mqtts://opiekun:s3cret-master@broker.local:8883');
    expect(given.password).toBe('vehicle-s3cret');
  });
});
