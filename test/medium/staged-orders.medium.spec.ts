import { join } from 'node:path';
import { loadFacility as loadSimFacility, SimFleet } from '@opiekun/robot-sim';
import type { Order, State } from '@opiekun/vda5050';
import mqtt from 'mqtt';
import { ApiInProcess } from './support/api-in-process';
import { MONITOR_LOGIN, TEST_LOGINS } from './support/test-broker';
import { waitFor } from './support/wait-for';

/**
 * A vehicle whose factsheet says it takes at most four nodes in one order (maxArrayLens order.nodes) is given a route
 * of many more, across floors: through the real api (HTTP, SQLite, its embedded broker) and robot-sim's own vehicle over
 * MQTT, the route goes out as an order and order updates (VDA 5050 §6.6.2), each within the limit and stitched on the
 * last node of the base before, and the task completes once, by that robot. The simulator runs 20 times faster than
 * the wall clock; the test waits on what it observes, bounded in time.
 */
const ROOT = join(__dirname, '../..');
const FACILITY_FILE = join(ROOT, 'assets/facilities/mco-demo.json');

describe('a route longer than a vehicle takes in one order (medium: in-process api, embedded broker, SQLite, robot-sim over MQTT)', () => {
  jest.setTimeout(60_000);
  let api: ApiInProcess;
  let fleet: SimFleet | undefined;
  let monitor: mqtt.MqttClient | undefined;

  afterAll(async () => {
    await fleet?.stop();
    await monitor?.endAsync();
    await api?.close();
  });

  it('goes out as an order and updates of at most four nodes each, which the vehicle takes; the meal completes once', async () => {
    api = await ApiInProcess.start({ ROBOT_SILENCE_MS: '3600000' });
    const orders: Order[] = [];
    const states: State[] = [];
    monitor = await mqtt.connectAsync(api.brokerUrl, { ...MONITOR_LOGIN, reconnectPeriod: 0 });
    monitor.on('message', (topic, payload) => (topic.endsWith('/order') ? orders : states).push(JSON.parse(payload.toString())));
    await monitor.subscribeAsync(['uagv/v2/Sim/short-1/order', 'uagv/v2/Sim/short-1/state']);

    const robot = { manufacturer: 'Sim', serialNumber: 'short-1', model: 'carrier', actions: ['pick', 'drop'], speed: 1.2, battery: 95, startNodeId: 'F0-dock-1', limits: { orderNodes: 4 } };
    fleet = new SimFleet({ robots: [robot], facility: loadSimFacility(FACILITY_FILE), seed: 1, mqtt: { brokerUrl: api.brokerUrl, vehiclePassword: TEST_LOGINS.vehiclePassword } });
    await fleet.start({ timeScale: 20 });
    await fleet.whenOnline();
    await waitFor('the vehicle known with its limits', async () => {
      const { body } = await api.request('GET', '/api/robots/Sim:short-1');
      return (body.orderLimits as { nodes?: number } | undefined)?.nodes === 4 ? true : undefined;
    });

    const { status, body: meal } = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
    expect(status).toBe(201);
    const done = await waitFor(
      'the meal completed',
      async () => {
        const { body } = await api.request('GET', `/api/tasks/${String(meal.id)}`);
        return body.status === 'completed' || body.status === 'failed' ? body : undefined;
      },
      45_000,
    );
    expect(done).toMatchObject({ status: 'completed', robotId: 'Sim:short-1', attempt: 1 });

    // one order id, updates numbered 0, 1, 2…; each message within the limit; each update starts where the base
    // before it ended (the same node and sequenceId: the stitching node, unchanged)
    const messages = [...new Map(orders.map((o) => [o.orderUpdateId, o])).values()].sort((a, b) => a.orderUpdateId - b.orderUpdateId);
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set([`${String(meal.id)}:1`]));
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.map((o) => o.orderUpdateId)).toEqual(messages.map((_, i) => i));
    for (const o of messages) expect(o.nodes.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < messages.length; i++) expect(messages[i]!.nodes[0]).toEqual(messages[i - 1]!.nodes.at(-1));
    // the whole route, as the outbox keeps it, went out: every node once (stitching nodes aside), every action
    const sent = messages.flatMap((o, i) => (i === 0 ? o.nodes : o.nodes.slice(1)));
    expect(sent.map((n) => n.sequenceId)).toEqual(sent.map((_, i) => i * 2));
    expect(sent.flatMap((n) => n.actions.map((a) => a.actionType))).toEqual(expect.arrayContaining(['pick', 'drop']));
    // no state of the vehicle's, all along, had an error (a refused update would show as orderUpdateError); it ended
    // at the room with the drop FINISHED
    expect(states.flatMap((s) => s.errors)).toEqual([]);
    expect(states.at(-1)).toMatchObject({ lastNodeId: 'F1-R104', nodeStates: [] });
    expect(states.at(-1)!.actionStates.filter((a) => a.actionType === 'drop').map((a) => a.actionStatus)).toEqual(['FINISHED']);
    expect((done.history as Array<{ to: string }>).filter((e) => e.to === 'completed')).toHaveLength(1);
  });
});
