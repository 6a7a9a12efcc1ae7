import { connectAsync, type MqttClient } from 'mqtt';
import { Topic } from '../topics/topic';
import { topicFor } from '../topics/topic-path';
import { nextEvent } from '../testing/events.fixture';
import { startBroker, type InProcessBroker } from '../testing/in-process-broker.fixture';
import { sample20, SAMPLES } from '../validation/sample-messages.fixture';
import { Vda5050ErrorCode } from '../vda5050.error';
import { MasterControlClient, type MasterControlOptions } from './master-control.client';
import { VehicleClient } from './vehicle.client';

jest.setTimeout(15_000);

const R1 = { manufacturer: 'ACME', serialNumber: 'R-01' };
const NOW = Date.UTC(2026, 10, 23, 8, 0, 0, 0);

function withoutHeader<T extends object>(message: T) {
  const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...body } = message as T & {
    headerId: unknown;
    timestamp: unknown;
    version: unknown;
    manufacturer: unknown;
    serialNumber: unknown;
  };
  return body;
}

describe('MasterControlClient and VehicleClient over an in-process broker', () => {
  let broker: InProcessBroker;
  const closers: Array<() => Promise<unknown>> = [];

  const master = async (options: Partial<MasterControlOptions> = {}): Promise<MasterControlClient> => {
    const client = new MasterControlClient({ url: broker.url, now: () => NOW, mqttOptions: { reconnectPeriod: 100 }, ...options });
    closers.push(() => client.close());
    await client.ready();
    return client;
  };
  const vehicle = async (clientId = 'vehicle-r01'): Promise<VehicleClient> => {
    const client = new VehicleClient({ ...R1, url: broker.url, clientId, now: () => NOW, mqttOptions: { reconnectPeriod: 100 } });
    closers.push(() => client.close());
    await nextEvent(client, 'connect');
    return client;
  };
  const raw = async (): Promise<MqttClient> => {
    const client = await connectAsync(broker.url, { reconnectPeriod: 0 });
    closers.push(() => client.endAsync());
    return client;
  };

  beforeEach(async () => {
    broker = await startBroker();
  });

  afterEach(async () => {
    // Close in reverse order of opening: clients before the broker they talk to.
    for (const close of closers.splice(0).reverse()) await close();
    await broker.stop();
  });

  it('announces a vehicle ONLINE with a retained connection message seen by a later master control', async () => {
    await vehicle();
    const mc = new MasterControlClient({ url: broker.url });
    closers.push(() => mc.close());
    const [online] = await nextEvent(mc, 'connection');
    expect(online).toMatchObject({ ...R1, topic: Topic.Connection, retained: true, version: '2.0' });
    expect(online.message).toMatchObject({ connectionState: 'ONLINE', headerId: 1, version: '2.0.0' });
    expect(mc.connected).toBe(true);
  });

  it('delivers an order with a stamped header, counting headerIds per vehicle and topic', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const body = withoutHeader(sample20.order());

    const first = nextEvent(r1, 'order');
    await expect(mc.publishOrder(R1, body)).resolves.toMatchObject({ headerId: 0 });
    const [received] = await first;
    expect(received.version).toBe('2.0');
    expect(received.message).toEqual({
      headerId: 0,
      timestamp: '2026-11-23T08:00:00.000Z',
      version: '2.0.0',
      ...R1,
      ...body,
    });

    const second = nextEvent(r1, 'order');
    await mc.publishOrder(R1, { ...body, orderUpdateId: 1 });
    expect((await second)[0].message).toMatchObject({ headerId: 1, orderUpdateId: 1 });
  });

  it('with headerIdsFromClock, starts each vehicle topic at the clock\'s seconds, so a restart goes on above the last run\'s', async () => {
    const r1 = await vehicle();
    const before = await master({ headerIdsFromClock: true });
    const first = nextEvent(r1, 'order');
    await before.publishOrder(R1, withoutHeader(sample20.order()));
    expect((await first)[0].message.headerId).toBe(Math.floor(NOW / 1000));
    // master control restarted a minute later
    const after = await master({ headerIdsFromClock: true, now: () => NOW + 60_000 });
    const next = nextEvent(r1, 'order');
    await after.publishOrder(R1, withoutHeader(sample20.order()));
    expect((await next)[0].message.headerId).toBe(Math.floor(NOW / 1000) + 60);
  });

  it('reports no lost link when it is closed on purpose (the api would warn and mark every robot unheard at each shutdown)', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const lost: string[] = [];
    mc.on('disconnect', () => lost.push('master'));
    r1.on('disconnect', () => lost.push('vehicle'));
    await r1.close();
    await mc.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lost).toEqual([]);
  });

  it('writes to a vehicle in the version its own messages carry (2.1.0 for a 2.1 vehicle), 2.0.0 until it has spoken', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const body = withoutHeader(sample20.order());
    expect(mc.versionFor(R1)).toBe('2.0.0');
    // a 2.1 vehicle's state, as it would send it
    const client = await raw();
    const heard = nextEvent(mc, 'state');
    await client.publishAsync(topicFor(R1, Topic.State), JSON.stringify({ ...SAMPLES['2.1'][Topic.State](), ...R1 }));
    expect((await heard)[0].version).toBe('2.1');
    expect(mc.versionFor(R1)).toBe('2.1.0');
    expect(mc.versionFor({ manufacturer: 'ACME', serialNumber: 'R-02' })).toBe('2.0.0');

    const order = nextEvent(r1, 'order');
    await expect(mc.publishOrder(R1, body)).resolves.toMatchObject({ version: '2.1.0' });
    const [received] = await order;
    expect(received).toMatchObject({ version: '2.1', message: { version: '2.1.0', orderId: body.orderId } });
    const instant = nextEvent(r1, 'instantActions');
    await mc.publishInstantActions(R1, withoutHeader(sample20.instantActions()));
    expect((await instant)[0].message).toMatchObject({ version: '2.1.0' });
  });

  it('follows a vehicle that changes version; an old retained message counts only for a vehicle not heard yet', async () => {
    const shared = await raw();
    const mc = new MasterControlClient({ client: shared, now: () => NOW });
    closers.push(() => mc.close());
    const deliver = (vehicle: typeof R1, topic: Topic, version: '2.0' | '2.1', retain: boolean) =>
      shared.emit('message', topicFor(vehicle, topic), Buffer.from(JSON.stringify({ ...SAMPLES[version][topic](), ...vehicle })), { retain } as never);
    deliver(R1, Topic.State, '2.1', false);
    expect(mc.versionFor(R1)).toBe('2.1.0');
    // its 2.0 factsheet, left on the broker before an upgrade, delivered again as after a reconnect: still 2.1.0
    deliver(R1, Topic.Factsheet, '2.0', true);
    expect(mc.versionFor(R1)).toBe('2.1.0');
    // a vehicle not heard yet: its retained connection tells its version
    const R2 = { manufacturer: 'ACME', serialNumber: 'R-02' };
    deliver(R2, Topic.Connection, '2.1', true);
    expect(mc.versionFor(R2)).toBe('2.1.0');
    // a live message in another version: the vehicle speaks that now
    deliver(R1, Topic.State, '2.0', false);
    expect(mc.versionFor(R1)).toBe('2.0.0');
    expect(mc.rejectedCounts()).toMatchObject({ schema: 0, version: 0 });
  });

  it('writes "2.1.0" (never "2.1") to a vehicle that leaves the patch out of its version', async () => {
    const shared = await raw();
    const mc = new MasterControlClient({ client: shared, now: () => NOW });
    closers.push(() => mc.close());
    const deliver = (version: '2.0' | '2.1') =>
      shared.emit('message', topicFor(R1, Topic.State), Buffer.from(JSON.stringify({ ...SAMPLES[version][Topic.State](), ...R1, version })), {
        retain: false,
      } as never);
    deliver('2.1');
    expect(mc.rejectedCounts()).toMatchObject({ schema: 0, version: 0 });
    expect(mc.versionFor(R1)).toBe('2.1.0');
    await expect(mc.publishOrder(R1, withoutHeader(sample20.order()))).resolves.toMatchObject({ version: '2.1.0' });
    deliver('2.0');
    expect(mc.versionFor(R1)).toBe('2.0.0');
  });

  it('delivers instant actions', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const received = nextEvent(r1, 'instantActions');
    await mc.publishInstantActions(R1, withoutHeader(sample20.instantActions()));
    expect((await received)[0].message).toMatchObject({ headerId: 0, actions: [{ actionType: 'cancelOrder' }] });
  });

  it('round-trips a state from vehicle to master control', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const received = nextEvent(mc, 'state');
    const sent = await r1.publishState(withoutHeader(sample20.state()));
    const [state] = await received;
    expect(state).toEqual({ ...R1, topic: Topic.State, retained: false, version: '2.0', message: sent });
    expect(sent.headerId).toBe(0);
  });

  it('reads visualization only when asked to: by default it is not even subscribed to (as many messages as states, for no one)', async () => {
    const quiet = await master();
    const seen: unknown[] = [];
    quiet.on('visualization', (message) => seen.push(message));
    const reading = new MasterControlClient({ url: broker.url, now: () => NOW, visualization: true });
    closers.push(() => reading.close());
    await reading.ready();
    const r1 = await vehicle();
    const received = nextEvent(reading, 'visualization');
    await r1.publishVisualization(withoutHeader(SAMPLES['2.0'][Topic.Visualization]()) as never);
    expect((await received)[0]).toMatchObject({ ...R1, topic: Topic.Visualization });
    const stateSeen = nextEvent(quiet, 'state');
    await r1.publishState(withoutHeader(sample20.state()));
    await stateSeen; // (after the visualization, on the same connection)
    expect(seen).toEqual([]);
    expect(Object.values(quiet.rejectedCounts()).every((count) => count === 0)).toBe(true);
  });

  it('counts and drops malformed JSON and a header naming another vehicle, without emitting them', async () => {
    const mc = await master();
    const intruder = await raw();
    const states: unknown[] = [];
    mc.on('state', (state) => states.push(state));
    const stateTopic = topicFor(R1, Topic.State);
    const rejections: string[] = [];
    mc.on('rejected', ({ reason }) => rejections.push(reason));

    const bothRejected = nextEvent(mc, 'rejected', () => rejections.length === 2);
    await intruder.publishAsync(stateTopic, '{"headerId": 1,');
    await intruder.publishAsync(stateTopic, JSON.stringify({ ...sample20.state(), serialNumber: 'R-02' }));
    await bothRejected;
    expect(rejections).toEqual(['json', 'identity']);
    expect(mc.rejectedCounts()).toEqual({ topic: 0, oversize: 0, json: 1, version: 0, schema: 0, identity: 1 });

    // The broker keeps one publisher's order: once this valid state arrives, nothing else is in flight.
    const good = nextEvent(mc, 'state');
    await intruder.publishAsync(stateTopic, JSON.stringify(sample20.state()));
    await good;
    expect(states).toHaveLength(1);
  });

  it('rejects an oversize message and an unsupported version with their reasons', async () => {
    const mc = new MasterControlClient({ url: broker.url, maxMessageBytes: 2000 });
    closers.push(() => mc.close());
    await mc.ready();
    const intruder = await raw();
    const topic = topicFor(R1, Topic.State);
    const oversize = nextEvent(mc, 'rejected');
    await intruder.publishAsync(topic, JSON.stringify({ ...sample20.state(), padding: 'x'.repeat(3000) }));
    expect((await oversize)[0]).toMatchObject({ topic, reason: 'oversize' });
    const version = nextEvent(mc, 'rejected');
    await intruder.publishAsync(topic, JSON.stringify({ ...sample20.state(), version: '1.1.0' }));
    expect((await version)[0]).toMatchObject({ reason: 'version', error: "state: unsupported version '1.1.0' (supported: 2.0.x, 2.1.x)" });
  });

  it('refuses to send an order that fails the schema, without using up a headerId', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const broken = { ...withoutHeader(sample20.order()), orderUpdateId: -1 };
    await expect(mc.publishOrder(R1, broken)).rejects.toMatchObject({
      code: Vda5050ErrorCode.InvalidMessage,
      message: 'order: /orderUpdateId must be >= 0',
    });
    const received = nextEvent(r1, 'order');
    await mc.publishOrder(R1, withoutHeader(sample20.order()));
    expect((await received)[0].message.headerId).toBe(0);
  });

  it('surfaces an invalid order to the vehicle so it can report validationError', async () => {
    const r1 = await vehicle();
    const intruder = await raw();
    const invalid = nextEvent(r1, 'invalidOrder');
    const order = { ...sample20.order(), nodes: 'all of them' };
    await intruder.publishAsync(topicFor(R1, Topic.Order), JSON.stringify(order));
    const [rejection] = await invalid;
    expect(rejection).toMatchObject({ reason: 'schema', error: 'order: /nodes must be array', payload: { orderId: 'order-1' } });
  });

  it('yields CONNECTIONBROKEN when the vehicle socket dies, then ONLINE again and orders flow after the reconnect', async () => {
    const mc = await master();
    const r1 = await vehicle('vehicle-r01');
    const broken = nextEvent(mc, 'connection', ({ message }) => message.connectionState === 'CONNECTIONBROKEN');
    const backOnline = nextEvent(mc, 'connection', ({ message }) => message.connectionState === 'ONLINE');
    const reconnected = nextEvent(r1, 'connect');

    broker.dropClient('vehicle-r01');
    const [lastWill] = await broken;
    expect(lastWill).toMatchObject({ ...R1, version: '2.0', message: { headerId: 0 } });
    await Promise.all([backOnline, reconnected]);

    const order = nextEvent(r1, 'order');
    await mc.publishOrder(R1, withoutHeader(sample20.order()));
    await expect(order).resolves.toBeDefined();
  });

  it('leaves OFFLINE retained after a graceful close, not the last will', async () => {
    const mc = await master();
    const r1 = await vehicle();
    const offline = nextEvent(mc, 'connection', ({ message }) => message.connectionState === 'OFFLINE');
    await r1.close();
    await offline;
    expect(r1.connected).toBe(false);
    await expect(r1.publishState(withoutHeader(sample20.state()))).rejects.toMatchObject({ code: Vda5050ErrorCode.Closed });

    const later = new MasterControlClient({ url: broker.url });
    closers.push(() => later.close());
    const [retained] = await nextEvent(later, 'connection');
    expect(retained).toMatchObject({ retained: true, message: { connectionState: 'OFFLINE' } });
  });

  it('works on a client it does not own, and leaves that client connected on close', async () => {
    const shared = await raw();
    const mc = new MasterControlClient({ client: shared, now: () => NOW });
    closers.push(() => mc.close());
    await mc.ready();
    const r1 = await vehicle();
    const received = nextEvent(mc, 'state');
    await r1.publishState(withoutHeader(sample20.state()));
    await received;
    await mc.close();
    expect(mc.connected).toBe(false);
    expect(shared.connected).toBe(true);
  });

  it('refuses to publish while the broker is unreachable instead of queueing silently', async () => {
    const mc = new MasterControlClient({ url: 'mqtt://127.0.0.1:1', mqttOptions: { reconnectPeriod: 0 } });
    closers.push(() => mc.close());
    mc.on('transportError', () => undefined);
    await expect(mc.publishOrder(R1, withoutHeader(sample20.order()))).rejects.toMatchObject({
      code: Vda5050ErrorCode.NotConnected,
    });
  });
});

describe('subscriptions the broker refuses', () => {
  it('reject ready() with SUBSCRIPTION_REFUSED', async () => {
    const broker = await startBroker({ authorizeSubscribe: (_client, _subscription, callback) => callback(null, null) });
    const mc = new MasterControlClient({ url: broker.url, mqttOptions: { reconnectPeriod: 0 } });
    try {
      await expect(mc.ready()).rejects.toMatchObject({ code: Vda5050ErrorCode.SubscriptionRefused });
    } finally {
      await mc.close();
      await broker.stop();
    }
  });
});
