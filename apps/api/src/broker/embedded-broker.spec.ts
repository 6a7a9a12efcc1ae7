import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type ErrorWithSubackPacket, type IClientOptions, type MqttClient } from 'mqtt';
import { BrokerAccessPolicy } from './broker-access.policy';
import type { BrokerTls } from './broker-tls';
import { correctHorseLine } from '../../../../test/fixtures/mosquitto-lines';
import { BrokerPortInUseError, EmbeddedBroker } from './embedded-broker';
import { PasswordFile } from './password-file';

const OPEN = { access: 'open' } as const;

describe('EmbeddedBroker', () => {
  it('serves MQTT on its port and stops cleanly', async () => {
    const broker = new EmbeddedBroker(0, '127.0.0.1', OPEN);
    await broker.start();
    const client = await connectAsync(`mqtt://127.0.0.1:${broker.listeningPort}`, { reconnectPeriod: 0 });
    const received = new Promise<string>((resolve) => client.on('message', (_t, payload) => resolve(payload.toString())));
    await client.subscribeAsync('probe');
    await client.publishAsync('probe', 'hello');
    await expect(received).resolves.toBe('hello');
    await client.endAsync();
    await broker.stop();
  });

  it('delivers a retained message that a plain message published right after it overtakes inside the broker', async () => {
    const broker = new EmbeddedBroker(0, '127.0.0.1', OPEN);
    await broker.start();
    const url = `mqtt://127.0.0.1:${broker.listeningPort}`;
    const subscriber = await connectAsync(url, { reconnectPeriod: 0 });
    const publisher = await connectAsync(url, { reconnectPeriod: 0 });
    const rounds = 20;
    const received = { factsheet: 0, state: 0 };
    const all = new Promise<void>((resolve) =>
      subscriber.on('message', (topic) => {
        received[topic.endsWith('factsheet') ? 'factsheet' : 'state'] += 1;
        if (received.factsheet + received.state === 2 * rounds) resolve();
      }),
    );
    await subscriber.subscribeAsync({ 'uagv/v2/+/+/factsheet': { qos: 0 }, 'uagv/v2/+/+/state': { qos: 0 } });
    for (let i = 0; i < rounds; i += 1) {
      // A vehicle announcing itself: factsheet (retained, stored first by the broker), then its state.
      const factsheet = publisher.publishAsync(`uagv/v2/M/S${i}/factsheet`, '{}', { qos: 0, retain: true });
      await Promise.all([factsheet, publisher.publishAsync(`uagv/v2/M/S${i}/state`, '{}', { qos: 0 })]);
    }
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    await subscriber.endAsync(true);
    await publisher.endAsync(true);
    await broker.stop();
    expect(received).toEqual({ factsheet: rounds, state: rounds });
  });

  it('speaks MQTT 3.1.1, not MQTT 5 (README, "MQTT access control": such vehicles need an external broker)', async () => {
    const broker = new EmbeddedBroker(0, '127.0.0.1', OPEN);
    await broker.start();
    const url = `mqtt://127.0.0.1:${broker.listeningPort}`;
    const client = await connectAsync(url, { reconnectPeriod: 0, protocolVersion: 4 });
    await client.endAsync();
    await expect(connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5 })).rejects.toThrow(/nacceptable protocol version/);
    await broker.stop();
  });

  it('says which variable to set when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    const broker = new EmbeddedBroker(port, '127.0.0.1', OPEN);
    const started = broker.start();
    await expect(started).rejects.toBeInstanceOf(BrokerPortInUseError);
    await expect(started).rejects.toThrow(/MQTT_PORT.*MQTT_URL/);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
});

describe('EmbeddedBroker with access control', () => {
  const LOGINS = { master: { username: 'opiekun', password: 'master-password-1' }, vehiclePassword: 'vehicle-password-1', monitorPassword: 'monitor-password-1' };
  const vehicle = (serial: string) => ({ username: `SimCare/${serial}`, password: LOGINS.vehiclePassword });
  const monitorLogin = { username: 'monitor', password: LOGINS.monitorPassword };
  let broker: EmbeddedBroker;
  let url: string;
  let lines: string[];
  const clients: MqttClient[] = [];
  const connect = async (options: IClientOptions): Promise<MqttClient> => {
    const client = await connectAsync(url, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };
  /** Every message a monitor subscribed to everything receives, in order. */
  const watch = async (): Promise<{ topic: string; payload: string }[]> => {
    const seen: { topic: string; payload: string }[] = [];
    const monitor = await connect(monitorLogin);
    monitor.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
    await monitor.subscribeAsync('#', { qos: 1 });
    return seen;
  };
  const arrived = (seen: { payload: string }[], payload: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`"${payload}" not received`)), 5_000);
      const check = setInterval(() => {
        if (!seen.some((m) => m.payload === payload)) return;
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }, 5);
    });
  const closed = (client: MqttClient) => new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));

  beforeEach(async () => {
    lines = [];
    broker = new EmbeddedBroker(0, '127.0.0.1', { access: new BrokerAccessPolicy(LOGINS, 'uagv'), log: (line) => lines.push(line) });
    await broker.start();
    url = `mqtt://127.0.0.1:${broker.listeningPort}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    await broker.stop();
  });

  it('refuses a client without a login or with a wrong one (CONNACK 5), counts each try and logs a client once', async () => {
    for (let i = 0; i < 3; i += 1) await expect(connectAsync(url, { reconnectPeriod: 0, clientId: 'stranger' })).rejects.toThrow(/Not authorized/);
    await expect(connectAsync(url, { reconnectPeriod: 0, clientId: 'guesser', username: 'opiekun', password: 'vehicle-password-1' })).rejects.toThrow(/Not authorized/);
    await expect(connectAsync(url, { reconnectPeriod: 0, clientId: 'guesser-2', ...vehicle('SC-001'), password: 'master-password-1' })).rejects.toThrow(/Not authorized/);
    expect(broker.refusedCounts()).toEqual({ connect: 5, publish: 0, subscribe: 0 });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/connect refused, client "stranger": no username from 127\.0\.0\.1/);
    expect(lines[1]).toMatch(/client "guesser": unknown username "opiekun" or wrong password/);
    expect(lines.join('\n')).not.toMatch(/password-1/);
  });

  it('drops a vehicle\'s publish on another vehicle\'s topic and closes its connection; its own topics go through', async () => {
    const seen = await watch();
    const impostor = await connect({ ...vehicle('SC-001'), clientId: 'sc-001' });
    const gone = closed(impostor);
    impostor.publish('uagv/v2/SimCare/SC-003/state', 'forged');
    await gone;
    const honest = await connect(vehicle('SC-001'));
    await honest.publishAsync('uagv/v2/SimCare/SC-001/state', 'own', { qos: 1 });
    await arrived(seen, 'own');
    expect(seen).toEqual([{ topic: 'uagv/v2/SimCare/SC-001/state', payload: 'own' }]);
    expect(broker.refusedCounts().publish).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/publish refused, client "sc-001": vehicle SimCare\/SC-001 from 127\.0\.0\.1 may not publish on uagv\/v2\/SimCare\/SC-003\/state/)]);
  });

  it('acknowledges a vehicle\'s publish on a vendor topic under its own prefix and drops it: nobody gets it, the vehicle stays connected, counted and logged once', async () => {
    const seen = await watch();
    const will = { topic: 'uagv/v2/SimCare/SC-001/connection', payload: Buffer.from('broken'), qos: 1 as const, retain: true };
    const robot = await connect({ ...vehicle('SC-001'), clientId: 'sc-001', will });
    const gone = closed(robot);
    for (const qos of [0, 1, 2] as const) {
      // Resolves on the acknowledgement at QoS 1 and 2, or when the broker closes the connection.
      await Promise.race([gone, robot.publishAsync('uagv/v2/SimCare/SC-001/diagnostics', `vendor at QoS ${qos}`, { qos })]);
      expect(robot.connected).toBe(true);
    }
    await robot.publishAsync('uagv/v2/SimCare/SC-001/state', 'own', { qos: 1 });
    await arrived(seen, 'own');
    expect(seen).toEqual([{ topic: 'uagv/v2/SimCare/SC-001/state', payload: 'own' }]);
    expect(broker.refusedCounts().publish).toBe(3);
    expect(lines).toEqual([expect.stringMatching(/publish refused, client "sc-001": vehicle SimCare\/SC-001 from 127\.0\.0\.1 may not publish on uagv\/v2\/SimCare\/SC-001\/diagnostics \(dropped, connection kept\)/)]);
  });

  it('lets master control publish orders and instant actions, and nobody else; the monitor publishes nothing', async () => {
    const seen = await watch();
    const robot = await connect(vehicle('SC-003'));
    const monitor = await connect(monitorLogin);
    const gone = [closed(robot), closed(monitor)];
    robot.publish('uagv/v2/SimCare/SC-003/instantActions', 'self-made');
    monitor.publish('uagv/v2/SimCare/SC-003/order', 'from-monitor');
    await Promise.all(gone);
    const master = await connect(LOGINS.master);
    await master.publishAsync('uagv/v2/SimCare/SC-003/instantActions', 'from-master', { qos: 1 });
    await arrived(seen, 'from-master');
    expect(seen.map((m) => m.payload)).toEqual(['from-master']);
    expect(broker.refusedCounts().publish).toBe(2);
  });

  it('grants a vehicle only its own order and instant actions, and master control only what vehicles publish (128 otherwise)', async () => {
    // mqtt.js rejects a SUBSCRIBE with any refusal in its SUBACK; the SUBACK says which.
    const grants = (client: MqttClient, filters: string[]) =>
      client.subscribeAsync(filters, { qos: 0 }).then(
        (granted) => granted.map((g) => g.qos),
        (error: ErrorWithSubackPacket) => error.packet.granted,
      );
    const robot = await connect(vehicle('SC-001'));
    expect(await grants(robot, ['uagv/v2/SimCare/SC-001/order', 'uagv/v2/SimCare/SC-001/instantActions', 'uagv/v2/SimCare/SC-003/order', 'uagv/#'])).toEqual([0, 0, 128, 128]);
    const master = await connect(LOGINS.master);
    expect(await grants(master, ['uagv/v2/+/+/state', 'uagv/v2/+/+/order'])).toEqual([0, 128]);
    expect(broker.refusedCounts().subscribe).toBe(3);
    expect(lines).toHaveLength(2);
  });

  it('grants a vehicle a wildcard over its own topics at the QoS it asked, which brings it its order, and nothing wider', async () => {
    const robot = await connect(vehicle('SC-001'));
    const received: { topic: string; payload: string }[] = [];
    robot.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    const granted = await robot.subscribeAsync({ 'uagv/v2/SimCare/SC-001/#': { qos: 1 }, 'uagv/v2/SimCare/SC-001/+': { qos: 0 } });
    expect(granted.map((g) => g.qos)).toEqual([1, 0]);
    const wider = await robot.subscribeAsync(['uagv/v2/SimCare/+/order', 'uagv/v2/SimCare/SC-003/#'], { qos: 1 }).then(
      (all) => all.map((g) => g.qos),
      (error: ErrorWithSubackPacket) => error.packet.granted,
    );
    expect(wider).toEqual([128, 128]);
    const master = await connect(LOGINS.master);
    await master.publishAsync('uagv/v2/SimCare/SC-003/order', 'not yours', { qos: 1 });
    await master.publishAsync('uagv/v2/SimCare/SC-001/order', 'yours', { qos: 1 });
    await arrived(received, 'yours');
    // aedes may deliver it once for each of the two overlapping subscriptions; "not yours", sent first, never.
    expect(new Set(received.map((m) => `${m.topic} ${m.payload}`))).toEqual(new Set(['uagv/v2/SimCare/SC-001/order yours']));
    expect(broker.refusedCounts().subscribe).toBe(2);
  });

  it('checks a last will at CONNECT: another vehicle\'s is refused, its own is published when it drops', async () => {
    const will = (serial: string) => ({ topic: `uagv/v2/SimCare/${serial}/connection`, payload: Buffer.from(`broken ${serial}`), qos: 1 as const, retain: true });
    await expect(connectAsync(url, { reconnectPeriod: 0, ...vehicle('SC-001'), will: will('SC-003') })).rejects.toThrow(/Not authorized/);
    expect(lines).toEqual([expect.stringMatching(/vehicle SimCare\/SC-001 from 127\.0\.0\.1 may not leave a last will on uagv\/v2\/SimCare\/SC-003\/connection/)]);
    const seen = await watch();
    const robot = await connectAsync(url, { reconnectPeriod: 0, ...vehicle('SC-001'), will: will('SC-001') });
    robot.stream.destroy();
    await arrived(seen, 'broken SC-001');
    expect(seen).toEqual([{ topic: 'uagv/v2/SimCare/SC-001/connection', payload: 'broken SC-001' }]);
  });

  it('takes a vehicle whose last will is on a vendor topic of its own, and drops that will when it fires', async () => {
    // a vendor's vehicle announcing its death on …/vendorStatus must still be able to join (it was refused at CONNECT)
    const seen = await watch();
    const robot = await connectAsync(url, { reconnectPeriod: 0, ...vehicle('SC-001'), will: { topic: 'uagv/v2/SimCare/SC-001/vendorStatus', payload: Buffer.from('dead'), qos: 1, retain: false } });
    expect(lines).toEqual([]);
    const gone = closed(robot);
    robot.stream.destroy();
    await gone;
    // a message after the drop, through the same broker to the same monitor: the will, had it gone out, came first
    const master = await connect(LOGINS.master);
    await master.publishAsync('uagv/v2/SimCare/SC-001/order', 'after', { qos: 1 });
    await arrived(seen, 'after');
    expect(seen.map((m) => m.payload)).toEqual(['after']);
    expect(lines).toEqual([expect.stringMatching(/vehicle SimCare\/SC-001 from 127\.0\.0\.1 may not leave its last will on uagv\/v2\/SimCare\/SC-001\/vendorStatus \(dropped\) —/)]);
  });
});

describe('EmbeddedBroker over TLS, with passwords of their own (MQTT_PASSWORD_FILE)', () => {
  const fixtures = join(__dirname, '../../../../test/fixtures');
  /** The test authority and the broker certificate it signed for localhost and 127.0.0.1 (openssl, valid until 2126). */
  const ca = readFileSync(join(fixtures, 'tls/ca.crt'));
  const tls = (port = 0): BrokerTls => ({ port, host: '127.0.0.1', cert: readFileSync(join(fixtures, 'tls/broker.crt')), key: readFileSync(join(fixtures, 'tls/broker.key')) });
  const LOGINS = { master: { username: 'opiekun', password: 'master-password-1' }, vehiclePassword: 'vehicle-password-1' };
  let folder: string;
  let passwdPath: string;
  let passwordFile: PasswordFile;
  let lines: string[];
  let broker: EmbeddedBroker;
  const clients: MqttClient[] = [];
  const secure = () => `mqtts://127.0.0.1:${broker.listeningTlsPort}`;
  const connect = async (url: string, options: IClientOptions): Promise<MqttClient> => {
    const client = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'opiekun-broker-tls-'));
    passwdPath = join(folder, 'passwd');
    writeFileSync(passwdPath, readFileSync(join(fixtures, 'mosquitto.passwd')));
    // the file's changes taken at the first look (PasswordFile's settling has its own spec)
    passwordFile = new PasswordFile(passwdPath, { settleMs: 0 });
    lines = [];
    broker = new EmbeddedBroker(0, '127.0.0.1', { access: new BrokerAccessPolicy({ ...LOGINS, passwordFile }, 'uagv'), tls: tls(), log: (line) => lines.push(line) });
    await broker.start();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    await broker.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the same broker on both listeners: a vehicle over TLS reaches master control on plain loopback', async () => {
    const master = await connect(`mqtt://127.0.0.1:${broker.listeningPort}`, LOGINS.master);
    const states: string[] = [];
    master.on('message', (_topic, payload) => states.push(payload.toString()));
    await master.subscribeAsync('uagv/v2/+/+/state', { qos: 0 });
    const vehicle = await connect(secure(), { ca, username: 'SimCare/SC-001', password: 'sc-001 own password' });
    await vehicle.publishAsync('uagv/v2/SimCare/SC-001/state', 'over TLS', { qos: 1 });
    const deadline = Date.now() + 5_000;
    while (!states.includes('over TLS') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(states).toEqual(['over TLS']);
  });

  it("refuses a client that does not trust the broker's authority, and plain MQTT on the TLS port", async () => {
    await expect(connect(secure(), { username: 'SimCare/SC-001', password: 'sc-001 own password' })).rejects.toThrow(/unable to verify the first certificate/);
    // a CONNECT in plain MQTT (protocol level 4, clean session, no login) on the TLS port: closed, no CONNACK
    const plainConnect = Buffer.from([0x10, 0x0e, 0x00, 0x04, ...Buffer.from('MQTT'), 0x04, 0x02, 0x00, 0x3c, 0x00, 0x02, ...Buffer.from('p1')]);
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = tcpConnect(broker.listeningTlsPort!, '127.0.0.1', () => socket.write(plainConnect));
      const timer = setTimeout(() => (socket.destroy(), reject(new Error('the TLS listener kept a plain connection open'))), 5_000);
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => (clearTimeout(timer), resolve(Buffer.concat(chunks))));
    });
    expect(answer[0]).not.toBe(0x20);
    // the broker took neither for a login: nothing reached aedes
    expect(broker.refusedCounts().connect).toBe(0);
  });

  it('lets a listed vehicle in only with its own password, the others with the shared one', async () => {
    await expect(connect(secure(), { ca, username: 'SimCare/SC-001', password: LOGINS.vehiclePassword })).rejects.toThrow(/Not authorized/);
    await expect(connect(secure(), { ca, username: 'SimCare/SC-001', password: 'sc-002 own password' })).rejects.toThrow(/Not authorized/);
    await connect(secure(), { ca, username: 'SimCare/SC-002', password: 'sc-002 own password' });
    await connect(secure(), { ca, username: 'SimCare/SC-009', password: LOGINS.vehiclePassword });
    expect(broker.refusedCounts().connect).toBe(2);
  });

  it("takes a vehicle's new password from the file without a restart; the old one no longer opens", async () => {
    await connect(secure(), { ca, username: 'SimCare/SC-001', password: 'sc-001 own password' });
    // mosquitto_passwd's line for the password "correct horse battery"
    const line = correctHorseLine('SimCare/SC-001');
    writeFileSync(passwdPath, `${line}\n`);
    await expect(connect(secure(), { ca, username: 'SimCare/SC-001', password: 'sc-001 own password', clientId: 'old' })).rejects.toThrow(/Not authorized/);
    await connect(secure(), { ca, username: 'SimCare/SC-001', password: 'correct horse battery', clientId: 'new' });
    // SC-002 has no line any more: the shared password opens it again
    await connect(secure(), { ca, username: 'SimCare/SC-002', password: LOGINS.vehiclePassword });
  });

  it('closes the open connections of the logins whose password changed, was given or taken away; the others stay', async () => {
    const sc001 = await connect(secure(), { ca, username: 'SimCare/SC-001', password: 'sc-001 own password', clientId: 'sc-001' });
    const sc002 = await connect(secure(), { ca, username: 'SimCare/SC-002', password: 'sc-002 own password', clientId: 'sc-002' });
    const sc009 = await connect(secure(), { ca, username: 'SimCare/SC-009', password: LOGINS.vehiclePassword, clientId: 'sc-009' });
    const monitor = await connect(secure(), { ca, username: 'monitor', password: 'monitor file password', clientId: 'monitor' });
    const closed = new Set<string>();
    for (const [name, client] of [['sc-001', sc001], ['sc-002', sc002], ['sc-009', sc009], ['monitor', monitor]] as const) client.on('close', () => closed.add(name));
    passwordFile.watch(10);
    // SC-001's password changed (mosquitto_passwd's line for "correct horse battery"); SC-009 given one; SC-002 and the monitor as they were
    const fixture = readFileSync(join(fixtures, 'mosquitto.passwd'), 'utf8').split('\n');
    const changedSc001 = correctHorseLine('SimCare/SC-001');
    writeFileSync(passwdPath, [changedSc001, fixture[1], fixture[2], changedSc001.replace('SC-001', 'SC-009')].join('\n') + '\n');
    const deadline = Date.now() + 5_000;
    while (closed.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect([...closed].sort()).toEqual(['sc-001', 'sc-009']);
    expect(lines.filter((line) => /its password in MQTT_PASSWORD_FILE changed/.test(line))).toHaveLength(2);
    await expect(connect(secure(), { ca, username: 'SimCare/SC-009', password: LOGINS.vehiclePassword, clientId: 'sc-009-again' })).rejects.toThrow(/Not authorized/);
    await connect(secure(), { ca, username: 'SimCare/SC-001', password: 'correct horse battery', clientId: 'sc-001-again' });
  });

  it('says which variable to set when the TLS port is taken, and leaves nothing listening', async () => {
    const taken = broker.listeningTlsPort!;
    const plain = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const second = new EmbeddedBroker(plain, '127.0.0.1', { access: 'open', tls: tls(taken) });
    await expect(second.start()).rejects.toThrow(`MQTT over TLS port ${taken} is already in use. Set MQTT_TLS_PORT to a free port`);
    // the plain listener it had opened is closed again: the port can be listened on
    const again = createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen(plain, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) => again.close(() => resolve()));
    await second.stop();
  });

  it('stops at once with a connection in the middle of its TLS handshake (a port scan, a client that waits)', async () => {
    const idle = tcpConnect(broker.listeningTlsPort!, '127.0.0.1');
    idle.on('error', () => undefined);
    await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
    // …and the broker has it (client and server share this event loop: the client may hear of it first)
    const held = () => (broker as unknown as { sockets: Set<unknown> }).sockets.size > 0;
    for (let i = 0; i < 200 && !held(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(held()).toBe(true);
    // without it, stop() waits for Node's handshake timeout (two minutes)
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([broker.stop().then(() => 'stopped'), new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), 3_000)))]);
    clearTimeout(timer);
    idle.destroy();
    expect(outcome).toBe('stopped');
  });
});
