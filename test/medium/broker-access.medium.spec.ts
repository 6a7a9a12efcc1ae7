import { connect as tcpConnect } from 'node:net';
import { connectAsync, type MqttClient } from 'mqtt';
import { FleetService } from '@opiekun/application';
import type { State } from '@opiekun/vda5050';
import { MqttRobotLink } from '../../apps/api/src/fleet/mqtt-robot-link.adapter';
import { sample20 } from '../../libs/vda5050/src/validation/sample-messages.fixture';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { idleState, ScriptedRobot } from './support/scripted-robot';
import { MONITOR_LOGIN, TEST_LOGINS, vehicleLogin } from './support/test-broker';

/**
 * The acceptance review's hole, closed: the api's embedded broker (real, on loopback, with the api in process) lets
 * no one but master control command a robot and no one but the robot speak for it. Each forbidden message is followed
 * by a control message on a topic its receiver may get; the control arriving with the forbidden one nowhere before it
 * shows the forbidden one was never delivered.
 */
const M = 'SimCare';
const SERIAL = 'SC-003';
const ROBOT_ID = `${M}:${SERIAL}`;
const topic = (sub: string, serial = SERIAL) => `uagv/v2/${M}/${serial}/${sub}`;
/** What an attacker sends: valid VDA 5050 messages addressed to the robot, so it would act on them if they arrived. */
const pause = () => JSON.stringify({ ...sample20.instantActions(), manufacturer: M, serialNumber: SERIAL, actions: [{ actionId: 'evil-pause', actionType: 'startPause', blockingType: 'HARD' }] });
const order = () => JSON.stringify({ ...sample20.order(), manufacturer: M, serialNumber: SERIAL, orderId: 'evil-order' });

/** MQTT 3.1.1 packets by hand: CONNECT and PUBLISH written in one go, before the broker could answer the CONNECT. */
const mqttString = (text: string) => {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};
function mqttPacket(first: number, body: Buffer): Buffer {
  const length: number[] = [];
  let rest = body.length;
  do {
    length.push((rest % 128) | (rest >= 128 ? 0x80 : 0));
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  return Buffer.concat([Buffer.from([first, ...length]), body]);
}
function connectThenPublish(login: { username: string; password: string } | undefined, publishTopic: string, payload: string): Buffer {
  const flags = 0x02 | (login ? 0xc0 : 0);
  const connect = mqttPacket(0x10, Buffer.concat([mqttString('MQTT'), Buffer.from([4, flags, 0, 60]), mqttString('intruder'), ...(login ? [mqttString(login.username), mqttString(login.password)] : [])]));
  return Buffer.concat([connect, mqttPacket(0x30, Buffer.concat([mqttString(publishTopic), Buffer.from(payload)]))]);
}

/** Writes `bytes` on a fresh TCP connection and resolves with everything the broker answered once it closed it. */
function sendRaw(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('the broker kept the connection open'))), 5_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => (clearTimeout(timer), resolve(Buffer.concat(chunks))));
  });
}

describe('MQTT access control (medium: in-process api, its embedded broker on loopback, a scripted robot)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  let link: MqttRobotLink;
  let fleet: FleetService;
  let robot: ScriptedRobot;
  /** Everything the robot's client was handed on its order and instantActions topics, valid or not, in order. */
  const received: string[] = [];
  const clients: MqttClient[] = [];
  const port = () => Number(new URL(api.brokerUrl).port);

  const until = async (what: string, test: () => boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  /** Master control asks the robot for its state: the control message, on a topic the robot may receive. */
  const control = async () => {
    const before = received.length;
    await link.sendInstant(ROBOT_ID, { kind: 'state' });
    await until('the control message at the robot', () => received.length > before && received.at(-1) === 'instantActions:stateRequest');
    return received.slice(before);
  };
  const login = async (options: { username: string; password: string }) => {
    const client = await connectAsync(api.brokerUrl, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };
  /** Publishes at QoS 1 and resolves when the broker either closed the connection (refused) or acknowledged it (let it through). */
  const attempt = (client: MqttClient, forbiddenTopic: string, payload: string) =>
    Promise.race([new Promise<void>((resolve) => client.once('close', () => resolve())), client.publishAsync(forbiddenTopic, payload, { qos: 1 }).then(() => undefined)]);

  beforeAll(async () => {
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000', ORDER_RESEND_MS: '60000' });
    link = api.app.get(MqttRobotLink);
    fleet = api.app.get(FleetService);
    await until('the api on the broker', () => link.connected, 10_000);
    await link.client.ready();
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: SERIAL, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    robot = new ScriptedRobot(api.brokerUrl, M, SERIAL);
    robot.client.on('order', ({ message }) => received.push(`order:${message.orderId}`));
    robot.client.on('instantActions', ({ message }) => received.push(...message.actions.map((a) => `instantActions:${a.actionType}`)));
    robot.client.on('invalidOrder', () => received.push('invalid order'));
    robot.client.on('invalidInstantActions', () => received.push('invalid instantActions'));
    await robot.connected();
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    await until('the robot online at its dock', () => fleet.list().some((r) => r.id === ROBOT_ID && r.connection === 'ONLINE' && r.lastNodeId === 'F0-dock-1'));
  });

  afterAll(async () => {
    for (const client of clients) await client.endAsync(true);
    await robot?.close();
    await api?.close();
  });

  it.each<[string, { username: string; password: string } | undefined, string, () => string]>([
    ['without a login', undefined, topic('instantActions'), pause],
    ['with a guessed password for master control', { username: TEST_LOGINS.master.username, password: 'opiekun-opiekun' }, topic('instantActions'), pause],
    ['with the vehicles\' password for master control', { username: TEST_LOGINS.master.username, password: TEST_LOGINS.vehiclePassword }, topic('order'), order],
    ['as a vehicle with a wrong password', { ...vehicleLogin(M, 'SC-001'), password: 'not-the-password' }, topic('order'), order],
  ])('a client %s is refused at CONNECT, and what it sends right behind the CONNECT never reaches the robot', async (_case, credentials, forbiddenTopic, payload) => {
    const answer = await sendRaw(port(), connectThenPublish(credentials, forbiddenTopic, payload()));
    // CONNACK, return code 5: not authorized.
    expect([...answer]).toEqual([0x20, 0x02, 0x00, 0x05]);
    expect(await control()).toEqual(['instantActions:stateRequest']);
  });

  it('a logged-in vehicle cannot command another robot: its order and its startPause never arrive', async () => {
    for (const [forbiddenTopic, payload] of [[topic('instantActions'), pause()], [topic('order'), order()]]) {
      const rogue = await login(vehicleLogin(M, 'SC-001'));
      await attempt(rogue, forbiddenTopic, payload);
      expect(await control()).toEqual(['instantActions:stateRequest']);
    }
  });

  it('a vehicle cannot speak for another: a state forged on the robot\'s topic never reaches the api', async () => {
    const heard: string[] = [];
    const onState = ({ serialNumber, message }: { serialNumber: string; message: State }) => heard.push(`${serialNumber}@${message.lastNodeId}`);
    link.client.on('state', onState);
    try {
      const rogue = await login(vehicleLogin(M, 'SC-001'));
      const forged = { ...idleState('F1-R104'), headerId: 900_000, timestamp: new Date().toISOString(), version: '2.0.0', manufacturer: M, serialNumber: SERIAL };
      await attempt(rogue, topic('state'), JSON.stringify(forged));
      // The control: the robot's own state, from its own login.
      await robot.publishState({ lastNodeId: 'F0-dock-2' });
      await until('the robot\'s own state at the api', () => heard.includes(`${SERIAL}@F0-dock-2`));
      expect(heard).toEqual([`${SERIAL}@F0-dock-2`]);
      expect(fleet.get(ROBOT_ID).lastNodeId).toBe('F0-dock-2');
    } finally {
      link.client.off('state', onState);
    }
  });

  it('a vehicle gets its own orders: a task raised over REST reaches the robot as an order from master control', async () => {
    const created = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    expect(created.status).toBe(201);
    const orderId = `${String(created.body.id)}:1`;
    await robot.until(() => robot.orders.some((o) => o.orderId === orderId));
    // The only order it ever got (none of the forged ones before).
    expect(received.filter((r) => r.startsWith('order'))).toEqual([`order:${orderId}`]);
  });

  it('a vehicle subscribed to its own topics with a wildcard (`…/SC-003/#` or `…/SC-003/+`) gets master control\'s instant actions', async () => {
    const heard: Record<string, string[]> = { '#': [], '+': [] };
    for (const wildcard of ['#', '+'] as const) {
      const vehicle = await login(vehicleLogin(M, SERIAL));
      vehicle.on('message', (t) => heard[wildcard].push(t));
      const granted = await vehicle.subscribeAsync(`uagv/v2/${M}/${SERIAL}/${wildcard}`, { qos: 1 });
      expect(granted.map((g) => g.qos)).toEqual([1]);
    }
    await control();
    await until('the instant actions through both wildcards', () => heard['#'].includes(topic('instantActions')) && heard['+'].includes(topic('instantActions')));
  });

  it('a vehicle publishing a vendor topic under its own prefix stays connected and ONLINE; the message goes to nobody', async () => {
    const serial = 'SC-004';
    const robotId = `${M}:${serial}`;
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
    const header = (headerId: number) => ({ headerId, timestamp: new Date().toISOString(), version: '2.0.0', manufacturer: M, serialNumber: serial });
    const connection = (connectionState: string) => JSON.stringify({ ...header(0), connectionState });
    const state = (headerId: number, lastNodeId: string) => JSON.stringify({ ...idleState(lastNodeId), ...header(headerId) });
    const robotAt = (lastNodeId: string) => fleet.list().some((r) => r.id === robotId && r.connection === 'ONLINE' && r.lastNodeId === lastNodeId);
    const monitor = await login(MONITOR_LOGIN);
    const seen: string[] = [];
    monitor.on('message', (t) => seen.push(t));
    await monitor.subscribeAsync(`uagv/v2/${M}/${serial}/#`, { qos: 1 });
    // As a VDA 5050 vehicle connects: a last will saying CONNECTIONBROKEN, which the api shows if the broker cuts it off.
    const will = { topic: topic('connection', serial), payload: Buffer.from(connection('CONNECTIONBROKEN')), qos: 1 as const, retain: true };
    const vehicle = await connectAsync(api.brokerUrl, { reconnectPeriod: 0, ...vehicleLogin(M, serial), will });
    clients.push(vehicle);
    await vehicle.publishAsync(topic('connection', serial), connection('ONLINE'), { qos: 1, retain: true });
    await vehicle.publishAsync(topic('state', serial), state(1, 'F0-dock-3'), { qos: 1 });
    await until('the vehicle online at its dock', () => robotAt('F0-dock-3'));

    await attempt(vehicle, topic('diagnostics', serial), JSON.stringify({ motorTemperature: 41 }));
    expect(vehicle.connected).toBe(true);
    // The control: its next state, from the same connection, behind the vendor message.
    await vehicle.publishAsync(topic('state', serial), state(2, 'F0-kitchen'), { qos: 1 });
    await until('the next state at the api', () => robotAt('F0-kitchen'));
    await until('the next state at the monitor', () => seen.filter((t) => t === topic('state', serial)).length === 2);
    expect(seen).not.toContain(topic('diagnostics', serial));
    // A clean DISCONNECT, so the broker discards the will.
    await vehicle.endAsync();
  });

  it('the monitor login reads everything and may publish nothing', async () => {
    const monitor = await login(MONITOR_LOGIN);
    const seen: string[] = [];
    monitor.on('message', (t) => seen.push(t));
    await monitor.subscribeAsync('uagv/#', { qos: 0 });
    await control();
    await until('the monitor to see master control\'s instant actions', () => seen.includes(topic('instantActions')));
    await attempt(monitor, topic('instantActions'), pause());
    expect(await control()).toEqual(['instantActions:stateRequest']);
  });

  it('/health counts what the broker refused, by kind', async () => {
    const health = await api.request('GET', '/health');
    expect(health.status).toBe(200);
    const refused = (health.body.broker as { accessRefused: Record<string, number> }).accessRefused;
    expect(refused.connect).toBeGreaterThanOrEqual(4);
    expect(refused.publish).toBeGreaterThanOrEqual(4);
    expect(refused.subscribe).toBe(0);
  });
});
