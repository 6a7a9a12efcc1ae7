import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connectAsync, type MqttClient } from 'mqtt';
import { FleetService, TaskService, TaskStore } from '@opiekun/application';
import { loadFacility, type Task } from '@opiekun/domain';
import { AppModule } from '../../apps/api/src/app.module';
import type { EmbeddedBroker } from '../../apps/api/src/broker/embedded-broker';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { FleetIngress } from '../../apps/api/src/fleet/fleet-ingress';
import { MqttRobotLink } from '../../apps/api/src/fleet/mqtt-robot-link.adapter';
import { SAMPLES, sample20 } from '../../libs/vda5050/src/validation/sample-messages.fixture';
import { ScriptedRobot } from './support/scripted-robot';
import { startTestBroker, TEST_LOGINS, vehicleLogin } from './support/test-broker';
import { demoFacilityJson } from '../fixtures/demo-facility';

/**
 * The fleet link against a real embedded broker and a real SQLite file, with a hand-driven VDA 5050 vehicle in place
 * of a robot: discovery, factsheet request, order contents, progress, rejection and garbage on the wire.
 */
const STAFF = { kind: 'staff', id: 'test' } as const;

describe('fleet link (medium: embedded broker, SQLite, scripted vehicle)', () => {
  jest.setTimeout(20_000);
  let dir: string;
  let broker: EmbeddedBroker;
  let app: INestApplication;
  let url: string;
  let robot: ScriptedRobot;
  let tasks: TaskService;
  let fleet: FleetService;
  let store: TaskStore;

  const waitTask = async (id: string, test: (t: Task) => boolean): Promise<Task> => {
    for (let i = 0; i < 100; i += 1) {
      const task = await store.get(id);
      if (task && test(task)) return task;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`task ${id} did not reach the expected state: ${JSON.stringify(await store.get(id))}`);
  };
  const waitRobot = async (test: () => boolean) => {
    for (let i = 0; i < 100 && !test(); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(test()).toBe(true);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-link-'));
    ({ broker, url } = await startTestBroker());
    const config = loadConfig({ DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: 'none' });
    const facility = loadFacility(demoFacilityJson());
    app = await NestFactory.create(AppModule.forRoot(config, facility, { mode: 'embedded', url, login: TEST_LOGINS.master }), { logger: false });
    await app.init();
    tasks = app.get(TaskService);
    fleet = app.get(FleetService);
    store = app.get(TaskStore);
    await waitRobot(() => app.get(MqttRobotLink).connected);
    robot = new ScriptedRobot(url, 'AcmeBots', 'AB-7');
    await robot.connected();
  });

  afterAll(async () => {
    await robot?.close();
    await app?.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('discovers a robot on its first message and asks for its factsheet when it knows no actions', async () => {
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    await robot.until(() => robot.instantActions.includes('factsheetRequest'));
    expect(fleet.get('AcmeBots:AB-7')).toMatchObject({ connection: 'ONLINE', lastNodeId: 'F0-dock-1', actions: [] });
  });

  it('takes the actions from the factsheet', async () => {
    const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...factsheet } = sample20.factsheet();
    const action = (actionType: string, blockingTypes: Array<'NONE' | 'SOFT' | 'HARD'> = ['HARD']) => ({ actionType, actionScopes: ['NODE' as const], blockingTypes });
    // this vehicle drops while it may drive on (its factsheet: SOFT or NONE, not HARD)
    await robot.client.publishFactsheet({ ...factsheet, protocolFeatures: { ...factsheet.protocolFeatures, agvActions: [action('pick'), action('drop', ['NONE', 'SOFT']), action('initPosition')] } });
    await waitRobot(() => fleet.get('AcmeBots:AB-7').actions.includes('pick'));
    expect([...fleet.get('AcmeBots:AB-7').actions].sort()).toEqual(['drop', 'initPosition', 'pick']);
  });

  it('sends a task as one order from the robot\'s node, crossing floors with initPosition, and follows its progress', async () => {
    const task = await tasks.create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' }, STAFF);
    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0];
    expect(order.orderId).toBe(`${task.id}:1`);
    expect(order.nodes[0].nodeId).toBe('F0-dock-1');
    expect(order.nodes.every((n) => n.released && n.nodePosition?.mapId)).toBe(true);
    expect(order.edges).toHaveLength(order.nodes.length - 1);
    const pickNode = order.nodes.find((n) => n.actions.some((a) => a.actionType === 'pick'));
    const dropNode = order.nodes.find((n) => n.actions.some((a) => a.actionType === 'drop'));
    expect(pickNode?.nodeId).toBe('F0-kitchen');
    expect(dropNode?.nodeId).toBe('F1-R104');
    // the blocking types its factsheet allows: HARD where it may, the nearest it allows elsewhere
    expect(pickNode?.actions.find((a) => a.actionType === 'pick')?.blockingType).toBe('HARD');
    expect(dropNode?.actions.find((a) => a.actionType === 'drop')?.blockingType).toBe('SOFT');
    expect(dropNode?.nodePosition?.mapId).toBe('F1');
    const exit = order.nodes.find((n) => n.actions.some((a) => a.actionType === 'initPosition'));
    expect(exit?.nodePosition?.mapId).toBe('F1');

    await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await waitTask(task.id, (t) => t.status === 'in-progress');
    await robot.publishState(robot.executing(order, 'FINISHED', order.nodes.length));
    const done = await waitTask(task.id, (t) => t.status === 'completed');
    expect(done.robotId).toBe('AcmeBots:AB-7');
    const history = await store.history(task.id);
    expect(history.map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
    await waitRobot(() => fleet.get('AcmeBots:AB-7').currentTaskId === undefined);
  });

  it('puts a rejected order back in the queue with the robot\'s reason', async () => {
    const task = await tasks.create({ type: 'linen', priority: 'urgent', from: 'F0-laundry', to: 'F0-storage' }, STAFF);
    await robot.until(() => robot.orders.length === 2);
    const order = robot.orders[1];
    await robot.publishState({
      lastNodeId: order.nodes[0].nodeId,
      errors: [{ errorType: 'orderError', errorLevel: 'WARNING', errorDescription: 'cannot pick here', errorReferences: [{ referenceKey: 'orderId', referenceValue: order.orderId }] }],
    });
    const requeued = await waitTask(task.id, (t) => t.attempt >= 2 || t.status === 'ready');
    const history = await store.history(task.id);
    expect(history.some((e) => e.from === 'accepted' && e.to === 'ready' && /rejected.*orderError.*cannot pick here/.test(e.cause.reason ?? ''))).toBe(true);
    expect(['ready', 'accepted']).toContain(requeued.status);
    await tasks.cancel(task.id, STAFF);
  });

  it('puts back at once, with the robot\'s reason, an order refused by naming only one of its actions and a parameter (§6.6.4.2, §7.1)', async () => {
    const task = await tasks.create({ type: 'linen', priority: 'urgent', from: 'F0-laundry', to: 'F0-storage' }, STAFF);
    await robot.until(() => robot.orders.some((o) => o.orderId === `${task.id}:1`));
    const order = robot.orders.find((o) => o.orderId === `${task.id}:1`)!;
    const pick = order.nodes.flatMap((n) => n.actions).find((a) => a.actionType === 'pick')!;
    await robot.publishState({
      lastNodeId: order.nodes[0].nodeId,
      errors: [{
        errorType: 'orderError',
        errorLevel: 'WARNING',
        errorDescription: 'station type kitchen not supported',
        errorReferences: [{ referenceKey: 'actionId', referenceValue: pick.actionId }, { referenceKey: 'actionParameters.stationType', referenceValue: 'kitchen' }],
      }],
    });
    await waitTask(task.id, (t) => t.attempt >= 2 || t.status !== 'accepted');
    // taken as refused, not timed out: the robot's own reason below (a lost confirmation says "did not confirm"), and
    // the order went out once
    expect(robot.orders.filter((o) => o.orderId === order.orderId)).toHaveLength(1);
    const history = await store.history(task.id);
    expect(history.find((e) => e.from === 'accepted')?.cause.reason).toBe('robot rejected the order: orderError: station type kitchen not supported');
    await tasks.cancel(task.id, STAFF);
  });

  it('accepts a robot that speaks VDA 5050 2.1 (validated against the 2.1 schema)', async () => {
    const raw: MqttClient = await connectAsync(url, { reconnectPeriod: 0, ...vehicleLogin('NewVendor', 'NV-21') });
    const state = { ...SAMPLES['2.1'].state(), manufacturer: 'NewVendor', serialNumber: 'NV-21', lastNodeId: 'F0-dock-2' };
    await raw.publishAsync('uagv/v2/NewVendor/NV-21/state', JSON.stringify(state));
    await raw.endAsync();
    await waitRobot(() => fleet.list().some((r) => r.id === 'NewVendor:NV-21'));
    expect(fleet.get('NewVendor:NV-21').lastNodeId).toBe('F0-dock-2');
  });

  it('keeps the registered actions when a robot publishes an empty factsheet', async () => {
    const vendor = new ScriptedRobot(url, 'Quiet', 'Q-1');
    await vendor.connected();
    try {
      await fleet.register({ manufacturer: 'Quiet', serialNumber: 'Q-1', actions: ['pick', 'drop'] });
      const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...factsheet } = sample20.factsheet();
      await vendor.client.publishFactsheet({ ...factsheet, protocolFeatures: { ...factsheet.protocolFeatures, agvActions: [] } });
      await vendor.publishState({ lastNodeId: 'F0-dock-3' });
      // The factsheet was read (its series name became the model) and its empty action list ignored.
      await waitRobot(() => fleet.get('Quiet:Q-1').lastNodeId === 'F0-dock-3' && fleet.get('Quiet:Q-1').model === factsheet.typeSpecification.seriesName);
      expect([...fleet.get('Quiet:Q-1').actions].sort()).toEqual(['drop', 'pick']);
    } finally {
      await vendor.close();
    }
  });

  it('counts and drops garbage on robot topics without changing anything', async () => {
    const before = { ...app.get(MqttRobotLink).rejectedCounts() };
    const robotBefore = fleet.get('AcmeBots:AB-7');
    // Garbage from the robot's own login; then a vehicle whose header claims to be another (the broker lets each
    // publish only on its own topics, the api checks the header against the topic).
    const raw: MqttClient = await connectAsync(url, { reconnectPeriod: 0, ...vehicleLogin('AcmeBots', 'AB-7') });
    await raw.publishAsync('uagv/v2/AcmeBots/AB-7/state', '{not json');
    await raw.publishAsync('uagv/v2/AcmeBots/AB-7/state', JSON.stringify({ headerId: 1, version: '2.0.0', batteryState: 'full' }));
    await raw.publishAsync('uagv/v2/AcmeBots/AB-7/state', JSON.stringify({ headerId: 1, version: '9.0.0' }));
    await raw.endAsync();
    const valid = (await robot.publishState({ lastNodeId: 'F0-dock-1' })) as object;
    const impostor: MqttClient = await connectAsync(url, { reconnectPeriod: 0, ...vehicleLogin('AcmeBots', 'OTHER') });
    await impostor.publishAsync('uagv/v2/AcmeBots/OTHER/state', JSON.stringify({ ...valid, serialNumber: 'AB-7' }));
    await impostor.endAsync();
    await waitRobot(() => {
      const after = app.get(MqttRobotLink).rejectedCounts();
      return after.json > before.json && after.schema > before.schema && after.version > before.version && after.identity > before.identity;
    });
    expect(fleet.list().map((r) => r.id)).not.toContain('AcmeBots:OTHER');
    expect(fleet.get('AcmeBots:AB-7').actions).toEqual(robotBefore.actions);
  });

  it('leaves out a state value that cannot be true (a charge of -5 %, a position on a map no floor has) and takes the rest, counted', async () => {
    await robot.publishState({ lastNodeId: 'F0-dock-1', batteryState: { batteryCharge: 64, charging: false }, agvPosition: { x: 1, y: 1, theta: 0, mapId: 'F0', positionInitialized: true } });
    await waitRobot(() => fleet.get('AcmeBots:AB-7').battery === 64);
    await robot.publishState({ lastNodeId: 'F0-dock-1', batteryState: { batteryCharge: -5, charging: false }, agvPosition: { x: 3, y: 3, theta: 0, mapId: 'MARS', positionInitialized: true }, operatingMode: 'SEMIAUTOMATIC' });
    await waitRobot(() => fleet.get('AcmeBots:AB-7').operatingMode === 'SEMIAUTOMATIC');
    // the rest of the state was taken; the impossible values were not, and the last good ones stand
    expect(fleet.get('AcmeBots:AB-7')).toMatchObject({ battery: 64, pose: { x: 1, y: 1, floor: 'F0' } });
    expect(app.get(FleetIngress).implausibleCounts()).toMatchObject({ 'batteryState.batteryCharge': 1, agvPosition: 1 });
    await robot.publishState({ lastNodeId: 'F0-dock-1', operatingMode: 'AUTOMATIC' });
  });
});
