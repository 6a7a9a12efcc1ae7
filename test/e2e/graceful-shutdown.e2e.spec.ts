import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { connectAsync } from 'mqtt';
import { freePort } from './support/free-port';
import { E2E_MONITOR_LOGIN, E2E_MQTT_ENV } from './support/mqtt-logins';
import { privateMosquitto, Program, until } from './support/programs';

/**
 * Issue 6, "Graceful shutdown", for real: the built api as a process of its own on a private Mosquitto (verbose, so
 * its log tells a clean MQTT DISCONNECT from a dropped socket). A task is being created — its body still arriving —
 * when SIGTERM comes: new requests are turned away (503), the one under way finishes and is stored whole, MQTT is
 * closed with a DISCONNECT, and the process exits with 0.
 */
const ROOT = resolve(__dirname, '../..');

describe('SIGTERM: graceful shutdown (e2e: the api and a private Mosquitto as processes)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let broker: Program | undefined;
  let api: Program | undefined;

  afterEach(async () => {
    await api?.stop('SIGKILL');
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops taking requests, finishes the one under way, closes MQTT cleanly and exits with 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-sigterm-'));
    const dbPath = join(dir, 'opiekun.sqlite');
    const mqttPort = await freePort();
    const port = await freePort();
    broker = await privateMosquitto(mqttPort);
    api = new Program('api', 'env', [
      `PORT=${port}`, 'HOST=127.0.0.1', `MQTT_URL=mqtt://127.0.0.1:${mqttPort}`, `DB_PATH=${dbPath}`, 'SIM_ROBOTS=0', 'CARE_FILE=none', 'LOG_LEVEL=log',
      process.execPath, join(ROOT, 'dist/apps/api/src/main.js'),
    ]).start();
    const base = `http://127.0.0.1:${port}`;
    await until('the api healthy', async () => (await fetch(`${base}/health`).then((r) => r.status, () => 0)) === 200, 20_000);
    const clientId = /New client connected from \S+ as (opiekun-api-\w+)/.exec(broker.logs)?.[1];
    expect(clientId).toBeDefined();
    // registering a robot needs a member with robot.register (a nurse), even from this machine
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pielegniarka', password: 'opiekun-nurse' }) });
    const { token } = (await signIn.json()) as { token: string };
    const robot = await fetch(`${base}/api/robots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ manufacturer: 'Calm', serialNumber: 'C-1', actions: ['pick', 'drop'] }),
    });
    expect(robot.status).toBe(201);

    // A POST whose body is still on its way: the request is under way when the signal comes.
    const body = JSON.stringify({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104', note: 'sent slowly' });
    const slow = request(`${base}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const answered = new Promise<{ status: number; text: string }>((done, fail) => {
      slow.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      slow.on('error', fail);
    });
    slow.write(body.slice(0, 20));
    await until('the slow request under way', async () => {
      const health = (await (await fetch(`${base}/health`)).json()) as { http: { inFlight: number } };
      return health.http.inFlight >= 2; // this health check and the slow POST
    }, 5_000, 50);

    const exited = api.stop('SIGTERM');
    await until('new requests turned away', async () => (await fetch(`${base}/api/tasks?limit=1`).then((r) => r.status, () => -1)) === 503, 5_000, 50);
    slow.end(body.slice(20));
    const response = await answered;
    expect(response.status).toBe(201);
    const created = JSON.parse(response.text) as { id: string };

    expect(await exited).toBe(0);
    expect(api.logs).toMatch(/stopped cleanly/);
    expect(broker.logs).toContain(`Received DISCONNECT from ${clientId}`);
    expect(broker.logs).not.toContain(`Client ${clientId} closed its connection`);

    // Stored whole: the task and its history, nothing half-written.
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT note FROM task WHERE id = ?').get(created.id)).toEqual({ note: 'sent slowly' });
      expect((db.prepare('SELECT count(*) AS n FROM task_event WHERE task_id = ?').get(created.id) as { n: number }).n).toBeGreaterThanOrEqual(2);
      expect((db.prepare('SELECT count(*) AS n FROM task').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('as npm start runs it (embedded broker, forked simulator): the robots say OFFLINE, the simulator stops too, exit code 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-sigterm-'));
    const mqttPort = await freePort();
    const port = await freePort();
    api = new Program('api', 'env', [
      `PORT=${port}`, 'HOST=127.0.0.1', `MQTT_PORT=${mqttPort}`, 'MQTT_HOST=127.0.0.1', `DB_PATH=${join(dir, 'opiekun.sqlite')}`, 'SIM_ROBOTS=3', 'SIM_TIME_SCALE=10', 'CARE_FILE=none', 'LOG_LEVEL=log',
      `MQTT_MONITOR_PASSWORD=${E2E_MQTT_ENV.MQTT_MONITOR_PASSWORD}`,
      process.execPath, join(ROOT, 'dist/apps/api/src/main.js'),
    ]).start();
    const base = `http://127.0.0.1:${port}`;
    await until('3 robots online', async () => {
      const robots = await fetch(`${base}/api/robots`).then((r) => (r.ok ? (r.json() as Promise<{ connection: string }[]>) : []), () => []);
      return robots.filter((r) => r.connection === 'ONLINE').length === 3;
    }, 20_000);
    const watcher = await connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { reconnectPeriod: 0, ...E2E_MONITOR_LOGIN });
    const offline = new Set<string>();
    watcher.on('message', (topic, raw) => {
      if (raw.length > 0 && (JSON.parse(raw.toString()) as { connectionState?: string }).connectionState === 'OFFLINE') offline.add(topic);
    });
    await watcher.subscribeAsync('uagv/v2/+/+/connection', { qos: 1 });
    watcher.on('error', () => undefined);

    expect(await api.stop('SIGTERM')).toBe(0);
    await watcher.endAsync(true);
    expect(offline.size).toBe(3);
    expect(api.logs).toMatch(/stopped cleanly/);
    // No simulator left behind: nothing still talks to that broker port.
    const left = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.includes(`127.0.0.1:${mqttPort}`));
    expect(left).toEqual([]);
  });
});
