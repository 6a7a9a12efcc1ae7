import { connectAsync, type MqttClient } from 'mqtt';
import { FleetRegistry, FleetService } from '@opiekun/application';
import type { State } from '@opiekun/vda5050';
import { FleetIngress } from '../../apps/api/src/fleet/fleet-ingress';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { ScriptedRobot } from './support/scripted-robot';
import { vehicleLogin } from './support/test-broker';

/**
 * Issue 6, "Duplicate, late and out-of-order messages" (medium: the real api in process, embedded broker, SQLite file,
 * a hand-driven vehicle, and a raw MQTT client that replays what the robot sent). A redelivered state, a state
 * overtaken on the way (older headerId and timestamp) and a state still showing an old order change nothing twice and
 * never overwrite newer news.
 */
interface TaskBody { id: string; status: string; robotId?: string; attempt: number; history?: { to: string }[] }

const M = 'Echo';
const SERIAL = 'E-1';
const STATE_TOPIC = `uagv/v2/${M}/${SERIAL}/state`;
const CONNECTION_TOPIC = `uagv/v2/${M}/${SERIAL}/connection`;

describe('duplicate, late and out-of-order robot messages (medium: in-process api, embedded broker, SQLite)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  let robot: ScriptedRobot;
  let replay: MqttClient;
  let fleet: FleetService;
  let ingress: FleetIngress;

  const task = async (id: string) => (await api.request('GET', `/api/tasks/${id}`)).body as unknown as TaskBody;
  const until = async (what: string, test: () => Promise<boolean> | boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const dropped = () => ingress.droppedCounts();
  /** Publishes a message exactly as given (bytes and header), as a broker's QoS 1 redelivery would. */
  const resend = (message: State) => replay.publishAsync(STATE_TOPIC, JSON.stringify(message), { qos: 1 });

  beforeAll(async () => {
    // The v1 policy sends no parking or opportunistic charging orders: every order a robot gets here is a task's.
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000', ORDER_RESEND_MS: '60000' });
    fleet = api.app.get(FleetService);
    ingress = api.app.get(FleetIngress);
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: SERIAL, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    robot = new ScriptedRobot(api.brokerUrl, M, SERIAL);
    await robot.connected();
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    // Replays as the robot itself would: with its login (the broker lets a vehicle publish only on its own topics).
    replay = await connectAsync(api.brokerUrl, { reconnectPeriod: 0, ...vehicleLogin(M, SERIAL) });
  });

  afterAll(async () => {
    await replay?.endAsync();
    await robot?.close();
    await api?.close();
  });

  it('a redelivered "finished" completes the task once; an overtaken "running" does not undo it; an old order\'s state leaves the new task alone', async () => {
    const first = (await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' })).body as unknown as TaskBody;
    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0];
    const running = await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await until('in progress', async () => (await task(first.id)).status === 'in-progress');
    const finished = await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId });
    await until('completed', async () => (await task(first.id)).status === 'completed');

    // QoS 1 redelivery: the very same message again, twice.
    const before = dropped();
    await resend(finished);
    await resend(finished);
    await until('both duplicates dropped', () => dropped().duplicate === before.duplicate + 2);

    // Overtaken on the way: the "running" state arrives late, older by headerId and timestamp.
    await resend(running);
    await until('the late state dropped', () => dropped().stale === before.stale + 1);
    await new Promise((r) => setTimeout(r, 200));
    const done = await task(first.id);
    expect(done.status).toBe('completed');
    expect((done.history ?? []).filter((e) => e.to === 'completed')).toHaveLength(1);
    expect((done.history ?? []).filter((e) => e.to === 'in-progress')).toHaveLength(1);
    // Newer news stands: where the robot is and that it is free.
    expect(fleet.get(`${M}:${SERIAL}`)).toMatchObject({ lastNodeId: order.nodes.at(-1)!.nodeId, currentTaskId: undefined });

    // A new task goes out; the robot (newer header) still reports the old order, its actions failed on the way out.
    const second = (await api.request('POST', '/api/tasks', { type: 'linen', priority: 'routine', from: 'F0-laundry', to: 'F0-kitchen' })).body as unknown as TaskBody;
    await robot.until(() => robot.orders.length === 2);
    await robot.publishState({ ...robot.executing(order, 'FAILED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId, driving: false });
    await new Promise((r) => setTimeout(r, 300));
    expect((await task(first.id)).status).toBe('completed');
    expect((await task(first.id)).history).toHaveLength(done.history?.length ?? 0);
    expect(await task(second.id)).toMatchObject({ status: 'accepted', attempt: 1, robotId: `${M}:${SERIAL}` });

    // Then it takes the new order and finishes it: completed once as well.
    const next = robot.orders[1];
    await robot.publishState(robot.executing(next, 'RUNNING', 1));
    const nextDone = await robot.publishState({ ...robot.executing(next, 'FINISHED', next.nodes.length), lastNodeId: next.nodes.at(-1)!.nodeId });
    await until('second completed', async () => (await task(second.id)).status === 'completed');
    await resend(nextDone);
    await new Promise((r) => setTimeout(r, 200));
    expect(((await task(second.id)).history ?? []).filter((e) => e.to === 'completed')).toHaveLength(1);
  });

  it('a last will from the session before, fired late by the broker (a half-open link), leaves the robot ONLINE and is counted as stale (/health)', async () => {
    const robotId = `${M}:${SERIAL}`;
    const registry = api.app.get(FleetRegistry);
    const connection = (headerId: number, at: number, connectionState: string) =>
      replay.publishAsync(CONNECTION_TOPIC, JSON.stringify({ headerId, timestamp: new Date(at).toISOString(), version: '2.0.0', manufacturer: M, serialNumber: SERIAL, connectionState }), { qos: 1, retain: true });
    const last = await robot.publishState({ lastNodeId: 'F0-dock-1' });
    const lastAt = Date.parse(last.timestamp);
    // the robot is back on a new connection: ONLINE, then the new session's first state (headerId 0 again)
    await connection(1, lastAt + 1_000, 'ONLINE');
    await resend({ ...last, headerId: 0, timestamp: new Date(lastAt + 1_100).toISOString(), batteryState: { batteryCharge: 55, charging: false } });
    await until('the new session\'s state taken', () => registry.get(robotId)?.battery === 55);
    const before = dropped();
    // the old connection's will, stamped when it connected: 5 s older than the ONLINE taken
    await connection(0, lastAt - 4_000, 'CONNECTIONBROKEN');
    await until('the old will dropped', () => dropped().stale === before.stale + 1);
    expect(fleet.get(robotId).connection).toBe('ONLINE');
    const health = (await api.request('GET', '/health')).body as unknown as { broker: { droppedMessages: { stale: number } } };
    expect(health.broker.droppedMessages.stale).toBe(before.stale + 1);
  });

  it('takes the last will of a vehicle that set it once and sends it on every reconnect, each time its connection breaks (the broker knows it is gone)', async () => {
    const serial = 'E-2';
    const robotId = `${M}:${serial}`;
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    const header = (headerId: number, at: number) => ({ headerId, timestamp: new Date(at).toISOString(), version: '2.0.0', manufacturer: M, serialNumber: serial });
    // made once, when the vehicle's software started: the same bytes on every CONNECT
    const will = { topic: `uagv/v2/${M}/${serial}/connection`, payload: Buffer.from(JSON.stringify({ ...header(0, Date.now() - 60_000), connectionState: 'CONNECTIONBROKEN' })), qos: 1 as const, retain: true };
    let headerId = 1;
    const session = async () => {
      const client = await connectAsync(api.brokerUrl, { reconnectPeriod: 0, will, ...vehicleLogin(M, serial) });
      await client.publishAsync(will.topic, JSON.stringify({ ...header(headerId++, Date.now()), connectionState: 'ONLINE' }), { qos: 1, retain: true });
      await until('online', () => fleet.get(robotId).connection === 'ONLINE');
      // the link breaks (no DISCONNECT): the broker publishes the will
      (client.stream as unknown as { destroy: () => void }).destroy();
      await until('the will taken', () => fleet.get(robotId).connection === 'CONNECTIONBROKEN');
      client.end(true);
    };
    await session();
    await session();
  });
});

