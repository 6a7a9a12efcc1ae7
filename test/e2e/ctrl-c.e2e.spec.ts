import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './support/free-port';
import { until } from './support/programs';

/**
 * Ctrl-C in the terminal that runs the product (or systemd's SIGTERM to its control group): the signal reaches every
 * process of the group at once — the api and the simulator it forked — and `npm start`'s launcher passes it to the api
 * a second time. One clean shutdown must come of it: the robots go OFFLINE (not a dropped socket), the api says
 * "stopped cleanly" and exits with 0, and nothing is left running.
 */
const ROOT = resolve(__dirname, '../..');

describe('Ctrl-C: the signal to the whole process group, twice to the api (e2e: the built api, its forked simulator)', () => {
  jest.setTimeout(60_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('%s: one clean shutdown, exit code 0, robots OFFLINE, nothing left behind', async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'opiekun-ctrl-c-'));
    const port = await freePort();
    const mqttPort = await freePort();
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1', DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '3', SIM_TIME_SCALE: '10', CARE_FILE: 'none', LOG_LEVEL: 'log' };
    // its own process group, as a terminal gives the program it runs
    const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let logs = '';
    api.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    api.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | string | null>((done) => api.once('exit', (code, sig) => done(code ?? sig)));
    try {
      await until('3 robots online', async () => {
        const robots = await fetch(`http://127.0.0.1:${port}/api/robots`).then((r) => (r.ok ? (r.json() as Promise<{ connection: string }[]>) : []), () => []);
        return robots.filter((r) => r.connection === 'ONLINE').length === 3;
      }, 30_000);

      process.kill(-api.pid!, signal);
      // the launcher's copy comes a moment later (sent at once, the kernel would merge the two)
      await until('the shutdown under way', () => /shutting down/.test(logs), 10_000, 5);
      process.kill(api.pid!, signal);

      expect(await exited).toBe(0);
      expect(logs).toMatch(/stopped cleanly/);
      expect(logs).toMatch(/taking 3 robots offline/);
      expect(logs).not.toMatch(/ECONNRESET/);
      const left = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.includes(`127.0.0.1:${mqttPort}`));
      expect(left).toEqual([]);
    } finally {
      try {
        process.kill(-api.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
