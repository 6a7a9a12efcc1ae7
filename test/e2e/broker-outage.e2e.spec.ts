import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topic } from '@opiekun/vda5050';
import { ApiProcess } from './support/api-process';
import { freePort } from './support/free-port';
import { shiftTasks } from './support/shift-tasks';
import { LastingCapture, privateMosquitto, simulator, standaloneBroker, until, type Program } from './support/programs';

/**
 * Issue 6, "Broker down", for real: the broker runs as its own process — the api's aedes broker (`npm run broker`)
 * or a private Mosquitto on a free loopback port (never the machine's own on 1883) — and is stopped while tasks are in
 * flight, then started again on the same port. While it is down /health says so (503, broker down) and new tasks are
 * still taken; afterwards the api and the simulator's robots (separate processes) reconnect by themselves, what was
 * decided meanwhile is sent, and every task is completed exactly once, by one robot, under one order id.
 */
interface TaskBody { id: string; status: string; robotId?: string; history?: { to: string; robotId?: string }[] }
interface Health { status: string; broker: { up: boolean } }

const ROBOTS = 4;


const BROKERS: [string, (port: number) => Promise<Program>][] = [
  ['the api\'s broker as its own process (npm run broker)', standaloneBroker],
  ['a private Mosquitto', privateMosquitto],
];

describe.each(BROKERS)('broker stopped and started again mid-shift: %s (e2e: separate processes)', (_name, startBroker) => {
  jest.setTimeout(120_000);
  let dir: string;
  let broker: Program | undefined;
  let sim: Program | undefined;
  let capture: LastingCapture | undefined;
  let api: ApiProcess | undefined;

  afterEach(async () => {
    await api?.stop('SIGKILL');
    await sim?.stop();
    await capture?.stop();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/health says the broker is down while it is; everyone reconnects; what was decided meanwhile is sent; all done exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-broker-'));
    const port = await freePort();
    const brokerUrl = `mqtt://127.0.0.1:${port}`;
    broker = await startBroker(port);
    capture = await LastingCapture.start(brokerUrl);
    api = await ApiProcess.start({ env: { MQTT_URL: brokerUrl, SIM_ROBOTS: '0', CARE_FILE: 'none', LOG_LEVEL: 'warn' }, dbPath: join(dir, 'opiekun.sqlite') });
    const live = api;
    sim = simulator(brokerUrl, ROBOTS, 40);
    const health = async () => {
      const response = await fetch(`${live.baseUrl}/health`);
      return { code: response.status, body: (await response.json()) as Health };
    };

    await until(`${ROBOTS} robots online with their factsheets`, async () => {
      const list = await live.get<{ connection: string; actions: string[] }[]>('/api/robots');
      return list.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length === ROBOTS;
    }, 20_000);
    expect(await health()).toMatchObject({ code: 200, body: { broker: { up: true } } });

    const ids: string[] = [];
    const post = async (bodies: Record<string, unknown>[]) => {
      for (const body of bodies) {
        const { status, body: task } = await live.post<TaskBody>('/api/tasks', body);
        expect(status).toBe(201);
        ids.push(task.id);
      }
    };
    await post(shiftTasks(6));
    await until('2 tasks under way', async () => (await live.get<{ total: number }>('/api/tasks?status=in-progress&limit=1')).total >= 2, 20_000);

    // The broker goes away for real.
    expect(await broker.stop('SIGTERM')).not.toBeNull();
    await until('/health to report the broker down', async () => {
      const { code, body } = await health();
      return code === 503 && body.broker.up === false && body.status === 'degraded';
    }, 5_000);
    // Staff keep raising tasks; they are stored and decided, to be sent when the broker is back.
    await post(shiftTasks(4, 6));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await health()).toMatchObject({ code: 503, body: { broker: { up: false } } });
    const downAt = capture.size;

    broker = await startBroker(port);
    await until('/health to report the broker up again', async () => (await health()).code === 200, 20_000);
    await until(`${ROBOTS} robots online again`, async () => {
      const list = await live.get<{ connection: string }[]>('/api/robots');
      return list.filter((r) => r.connection === 'ONLINE').length === ROBOTS;
    }, 20_000);

    try {
      await until(`${ids.length} tasks completed`, async () => {
        const page = await live.get<{ items: { id: string }[] }>('/api/tasks?status=completed&limit=500');
        const completed = new Set(page.items.map((t) => t.id));
        return ids.every((id) => completed.has(id));
      }, 60_000, 500);
    } catch (error) {
      const states = await Promise.all(ids.map((id) => live.get<TaskBody>(`/api/tasks/${id}`)));
      throw new Error(`${(error as Error).message}\n${JSON.stringify(states.map((t) => ({ id: t.id, status: t.status, robot: t.robotId, h: t.history?.map((e) => e.to) })))}\n${live.logs}\n${sim.logs.slice(-3_000)}`, { cause: error });
    }

    for (const id of ids) {
      const task = await live.get<TaskBody>(`/api/tasks/${id}`);
      expect((task.history ?? []).filter((e) => e.to === 'completed')).toHaveLength(1);
      expect(new Set((task.history ?? []).filter((e) => e.to === 'accepted').map((e) => e.robotId))).toEqual(new Set([task.robotId]));
    }
    const orders = capture.of(Topic.Order);
    for (const id of ids) {
      const mine = orders.filter((o) => String(o.payload.orderId).startsWith(`${id}:`));
      expect(new Set(mine.map((o) => o.serialNumber)).size).toBe(1);
      expect(new Set(mine.map((o) => String(o.payload.orderId))).size).toBe(1);
    }
    // The tasks raised during the outage went out after it, over the new connection.
    for (const id of ids.slice(6)) expect(capture.of(Topic.Order, downAt).some((o) => String(o.payload.orderId).startsWith(`${id}:`))).toBe(true);
  });
});
