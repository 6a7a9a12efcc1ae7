import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topic } from '@opiekun/vda5050';
import { ApiProcess } from './support/api-process';
import { freePort } from './support/free-port';
import { shiftTasks } from './support/shift-tasks';
import { LastingCapture, simulator, standaloneBroker, until, type Program } from './support/programs';

/**
 * Issue 6, "Api crash and restart", for real: the simulator (robot-sim CLI) runs as a process of its own and outlives
 * the api, which is killed with SIGKILL twice mid-shift; the broker is either its own process (`npm run broker`, it
 * outlives the api too) or the api's embedded one (it dies with the api; robots reconnect to the new one) — once while robots are
 * under way, once right after it accepted new tasks — and started again on the same SQLite file. Every task is
 * completed exactly once, by one robot, under one order id; an order a robot had confirmed before the kill is
 * continued from the robot's state, never sent to it again (checked on the wire).
 */
interface TaskBody { id: string; status: string; robotId?: string; history?: { to: string; robotId?: string }[] }

const ROBOTS = 4;


const MODES: [string, boolean][] = [
  ['the broker as its own process (npm run broker), outliving the api', false],
  ['the api\'s embedded broker, dying with it (the default deployment)', true],
];

describe.each(MODES)('api killed with SIGKILL mid-shift, the simulator outliving it; %s (e2e: separate processes)', (_name, embedded) => {
  jest.setTimeout(120_000);
  let dir: string;
  let broker: Program | undefined;
  let sim: Program | undefined;
  let capture: LastingCapture | undefined;
  let api: ApiProcess | undefined;

  afterEach(async () => {
    await api?.stop('SIGKILL');
    api = undefined;
    await sim?.stop();
    await capture?.stop();
    await broker?.stop();
    broker = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('recovers every task; orders on robots are continued, not re-sent; each task done exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-crash-'));
    const dbPath = join(dir, 'opiekun.sqlite');
    const mqttPort = await freePort();
    const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;
    if (!embedded) broker = await standaloneBroker(mqttPort);
    const env = { ...(embedded ? { MQTT_PORT: String(mqttPort) } : { MQTT_URL: brokerUrl }), SIM_ROBOTS: '0', CARE_FILE: 'none', LOG_LEVEL: 'warn' };
    const startApi = async () => (api = await ApiProcess.start({ env, dbPath }));
    await startApi();
    capture = await LastingCapture.start(brokerUrl);
    sim = simulator(brokerUrl, ROBOTS, 40);
    const live = () => api as ApiProcess;
    const logs: string[] = [];

    await until(`${ROBOTS} robots online with their factsheets`, async () => {
      const list = await live().get<{ connection: string; actions: string[] }[]>('/api/robots');
      return list.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length === ROBOTS;
    }, 20_000);

    const ids: string[] = [];
    const post = async (bodies: Record<string, unknown>[]) => {
      for (const body of bodies) {
        const { status, body: task } = await live().post<TaskBody>('/api/tasks', body);
        expect(status).toBe(201);
        ids.push(task.id);
      }
    };
    await post(shiftTasks(8));
    await until('3 tasks under way', async () => (await live().get<{ total: number }>('/api/tasks?status=in-progress&limit=1')).total >= 3, 20_000);

    // Kill 1: robots are under way. What they had confirmed (echoed in their state) must be continued, not re-sent.
    // (With the embedded broker the robots and the capture lose the broker too, and reconnect to the new one.)
    const firstKill = capture.size;
    const confirmed = new Set(capture.of(Topic.State).map((m) => String(m.payload.orderId)).filter((id) => id !== ''));
    expect(confirmed.size).toBeGreaterThanOrEqual(3);
    await live().stop('SIGKILL');
    logs.push(live().logs);
    await new Promise((r) => setTimeout(r, 1_500)); // the robots drive on without the api
    await startApi();

    // Kill 2: right after the api accepted new tasks (stored; sent or not yet — the outbox decides after the restart).
    // Sent with Idempotency-Key, as a client that retries does: the retry after the restart must not make a second task.
    const keyed = shiftTasks(4, 8).map((body, i) => ({ body, key: `crash-retry-${i}` }));
    const postKeyed = async ({ body, key }: { body: Record<string, unknown>; key: string }) => {
      const response = await fetch(`${live().baseUrl}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      return { status: response.status, replayed: response.headers.get('idempotent-replayed'), id: ((await response.json()) as TaskBody).id };
    };
    for (const request of keyed) {
      const first = await postKeyed(request);
      expect(first.status).toBe(201);
      ids.push(first.id);
    }
    await live().stop('SIGKILL');
    logs.push(live().logs);
    await startApi();
    const retried = await Promise.all(keyed.map(postKeyed));
    expect(retried.map((r) => r.id)).toEqual(ids.slice(-keyed.length));
    expect(retried.every((r) => r.status === 201 && r.replayed === 'true')).toBe(true);

    const done = await (async () => {
      try {
        await until(`${ids.length} tasks completed`, async () => {
          const page = await live().get<{ items: { id: string }[] }>('/api/tasks?status=completed&limit=500');
          const completed = new Set(page.items.map((t) => t.id));
          return ids.every((id) => completed.has(id));
        }, 60_000, 500);
        return true;
      } catch (error) {
        const states = await Promise.all(ids.map((id) => live().get<TaskBody>(`/api/tasks/${id}`)));
        throw new Error(`${(error as Error).message}\n${JSON.stringify(states.map((t) => ({ id: t.id, status: t.status, robot: t.robotId, h: t.history?.map((e) => e.to) })))}\n${logs.join('\n')}\n${live().logs}\n${sim?.logs.slice(-3_000)}`, { cause: error });
      }
    })();
    expect(done).toBe(true);

    // Nothing lost, nothing twice: no task beyond those posted; each completed once, started by one robot.
    expect((await live().get<{ total: number }>('/api/tasks?limit=1')).total).toBe(ids.length);
    for (const id of ids) {
      const task = await live().get<TaskBody>(`/api/tasks/${id}`);
      const history = (task.history ?? []).map((e) => e.to);
      expect(history.filter((s) => s === 'completed')).toHaveLength(1);
      // One attempt: never re-queued by the recovery, so never given to a robot a second time.
      expect((task.history ?? []).filter((e) => e.to === 'accepted').map((e) => e.robotId)).toEqual([task.robotId]);
    }
    // On the wire: every task's orders went to one robot under one order id (a resend repeats it, never a new one)…
    const orders = capture.of(Topic.Order);
    for (const id of ids) {
      const mine = orders.filter((o) => String(o.payload.orderId).startsWith(`${id}:`));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(new Set(mine.map((o) => o.serialNumber)).size).toBe(1);
      expect(new Set(mine.map((o) => `${String(o.payload.orderId)}/${String(o.payload.orderUpdateId)}`)).size).toBe(1);
    }
    // …and no order a robot had confirmed before the first kill was sent to it again afterwards.
    const resent = capture.of(Topic.Order, firstKill).filter((o) => confirmed.has(String(o.payload.orderId)));
    expect(resent.map((o) => o.payload.orderId)).toEqual([]);
  });
});
