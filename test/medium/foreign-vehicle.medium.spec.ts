import { connect, type MqttClient } from 'mqtt';
import {
  ActionStatus,
  AgvController,
  Topic,
  VirtualAgvAdapter,
  type AttachContext,
  type Factsheet,
  type Headerless,
  type State,
  type Vda5050Object,
  type VdaVersion,
  type VirtualActionDefinition,
  type VirtualAgvAdapterOptions,
} from 'vda-5050-lib';
import { sample20 } from '../../libs/vda5050/src/validation/sample-messages.fixture';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';
import { MONITOR_LOGIN, TEST_LOGINS } from './support/test-broker';
import { waitFor } from './support/wait-for';

/**
 * Interoperability with a VDA 5050 vehicle we did not write: the AgvController and VirtualAgvAdapter of the npm package
 * vda-5050-lib (coatyio, 1.4.0, which speaks VDA 5050 1.1.0 and 2.0.0 only), against the real api in process (its
 * embedded broker with access control, SQLite, the demo building). The vehicle logs in as `{manufacturer}/{serialNumber}`
 * like any other and drives at a time lapse.
 *
 * What the vehicle needs configured to work with Opiekun (first describe), and what does not work with it as shipped
 * (second describe: each test pins one incompatibility, the vehicle's own words, and what the api makes of it).
 */

const M = 'Coaty';
/** The vehicle's clock runs this much faster: 2 m/s becomes 40 m/s, a 6 s pick 0.3 s. */
const TIME_LAPSE = 20;
const AT_DOCK_1 = { mapId: 'F0', x: 0, y: 3, theta: 0, lastNodeId: 'F0-dock-1' };

/**
 * The library's virtual AGV with one setting changed: it takes pick and drop at any station and of any load. As shipped
 * it accepts only `stationType` starting with "floor" and `loadType` "EPAL"; the values are project-specific (VDA 5050
 * §6.8.1), ours are the node's kind ("kitchen", "room") and the task's type ("meal").
 */
class CareAgvAdapter extends VirtualAgvAdapter {
  protected override get actionDefinitions(): VirtualActionDefinition[] {
    const anyText = (value: unknown) => typeof value === 'string' && value.length > 0;
    return super.actionDefinitions.map((d) =>
      d.actionType === 'pick' || d.actionType === 'drop' ? { ...d, actionParameterConstraints: { ...d.actionParameterConstraints, stationType: anyText, loadType: anyText } } : d,
    );
  }
}

const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...FACTSHEET_BODY } = sample20.factsheet();
const AGV_ACTIONS: [string, string[]][] = [
  ['pick', ['NODE']],
  ['drop', ['NODE']],
  ['initPosition', ['INSTANT', 'NODE']],
  ['startPause', ['INSTANT']],
  ['stopPause', ['INSTANT']],
  ['cancelOrder', ['INSTANT']],
  ['factsheetRequest', ['INSTANT']],
  ['stateRequest', ['INSTANT']],
];

/**
 * …that also has a factsheet. The virtual AGV sets an empty one (`{}`) when attached, and answers a factsheetRequest
 * with a header and nothing else, which the 2.0 schema refuses (typeSpecification, protocolFeatures… are required).
 */
class CareAgvWithFactsheet extends CareAgvAdapter {
  override attach(context: AttachContext): void {
    super.attach(context);
    const agvActions = AGV_ACTIONS.map(([actionType, actionScopes]) => ({ actionType, actionScopes, blockingTypes: ['HARD'] }));
    this.controller.updateFactsheet({ ...FACTSHEET_BODY, protocolFeatures: { ...FACTSHEET_BODY.protocolFeatures, agvActions } } as unknown as Headerless<Factsheet>);
  }
}

/** …whose factsheet says it takes at most four nodes in one order (maxArrayLens order.nodes). */
class ShortOrderAgv extends CareAgvWithFactsheet {
  override attach(context: AttachContext): void {
    super.attach(context);
    const agvActions = AGV_ACTIONS.map(([actionType, actionScopes]) => ({ actionType, actionScopes, blockingTypes: ['HARD'] }));
    const protocolLimits = { ...FACTSHEET_BODY.protocolLimits, maxArrayLens: { 'order.nodes': 4, 'order.edges': 3 } };
    this.controller.updateFactsheet({ ...FACTSHEET_BODY, protocolLimits, protocolFeatures: { ...FACTSHEET_BODY.protocolFeatures, agvActions } } as unknown as Headerless<Factsheet>);
  }
}

/** …whose pick takes 60 s of its time (3 s at the time lapse), so that a cancel lands while it picks. */
class SlowPickAgv extends CareAgvWithFactsheet {
  protected override get actionDefinitions(): VirtualActionDefinition[] {
    return super.actionDefinitions.map((d) =>
      d.actionType === 'pick' ? { ...d, transitions: { ...d.transitions, [ActionStatus.Running]: { ...d.transitions[ActionStatus.Running]!, durationTime: 60 } } } : d,
    );
  }
}

/**
 * vda-5050-lib 1.4.0 reads an instantActions message's actions from a field `instantActions` (the draft 2.0 JSON schema);
 * VDA 5050 2.0 §6.9 and its released schema name it `actions`, which is what we send. This controller copies `actions`
 * over before the library validates the message; without it the vehicle refuses every instant action.
 */
class InstantActionsFieldController extends AgvController {
  protected override validateTopicObject(topic: string, object: Vda5050Object, vdaVersion: VdaVersion): void {
    const message = object as unknown as Record<string, unknown>;
    if (topic === Topic.InstantActions && Array.isArray(message?.actions) && !('instantActions' in message)) message.instantActions = message.actions;
    super.validateTopicObject(topic, object, vdaVersion);
  }
}

interface TaskBody { id: string; status: string; robotId?: string; performer?: string; statusReason?: string; history: { to: string; reason?: string }[] }
interface RobotBody { connection?: string; floor?: string; lastNodeId?: string; actions: string[]; instantActions?: string[]; errors: { type: string; description?: string }[] }

describe('a foreign VDA 5050 vehicle: vda-5050-lib AgvController + VirtualAgvAdapter (medium: in-process api, embedded broker, SQLite)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  let monitor: MqttClient;
  /** Everything vehicles publish and master control sends, as the read-only monitor login sees it. */
  let seen: { topic: string; message: Record<string, unknown> }[];
  let vehicles: AgvController[];

  beforeEach(async () => {
    seen = [];
    vehicles = [];
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000' });
    monitor = connect(api.brokerUrl, { ...MONITOR_LOGIN, reconnectPeriod: 0 });
    await new Promise<void>((resolve, reject) => monitor.once('connect', () => resolve()).once('error', reject));
    monitor.on('message', (topic, payload) => seen.push({ topic, message: JSON.parse(payload.toString()) as Record<string, unknown> }));
    await monitor.subscribeAsync('uagv/v2/#');
  });

  afterEach(async () => {
    for (const vehicle of vehicles.splice(0)) await vehicle.stop().catch(() => undefined);
    await monitor?.endAsync();
    await api?.close();
  });

  /** Starts a vehicle of the library on the api's broker, as `{manufacturer}/{serialNumber}`, VDA 5050 2.0.0. */
  const vehicle = async (
    serialNumber: string,
    options: { adapter?: typeof VirtualAgvAdapter; controller?: typeof AgvController; at?: VirtualAgvAdapterOptions['initialPosition'] } = {},
  ): Promise<AgvController> => {
    const Controller = options.controller ?? AgvController;
    const controller = new Controller(
      { manufacturer: M, serialNumber },
      {
        interfaceName: 'uagv',
        vdaVersion: '2.0.0',
        transport: { brokerUrl: api.brokerUrl, username: `${M}/${serialNumber}`, password: TEST_LOGINS.vehiclePassword, reconnectPeriod: 0 },
      },
      { agvAdapterType: options.adapter ?? CareAgvAdapter },
      { initialPosition: options.at ?? AT_DOCK_1, timeLapse: TIME_LAPSE, tickRate: 20 } satisfies VirtualAgvAdapterOptions,
    );
    vehicles.push(controller);
    await controller.start();
    return controller;
  };
  const register = async (serialNumber: string, actions: string[]) => {
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber, actions }, await signedIn(api))).status).toBe(201);
  };
  const robot = async (serialNumber: string) => (await api.request('GET', `/api/robots/${M}:${serialNumber}`)).body as unknown as RobotBody;
  const online = (serialNumber: string) => waitFor(`${serialNumber} online`, async () => ((await robot(serialNumber)).connection === 'ONLINE' ? true : undefined));
  const task = async (id: string) => (await api.request('GET', `/api/tasks/${id}`)).body as unknown as TaskBody;
  const create = async (body: object) => {
    const { status, body: created } = await api.request('POST', '/api/tasks', body);
    expect(status).toBe(201);
    return created as unknown as TaskBody;
  };
  /** Waits for the task to end: completed, cancelled, failed, or handed to staff. */
  const settled = (id: string, timeoutMs = 10_000) =>
    waitFor(`task ${id} settled`, async () => {
      const t = await task(id);
      return ['completed', 'cancelled', 'failed'].includes(t.status) || t.performer === 'staff' ? t : undefined;
    }, timeoutMs);
  const states = (serialNumber: string) => seen.filter((s) => s.topic === `uagv/v2/${M}/${serialNumber}/state`).map((s) => s.message as unknown as State);
  const lastState = (serialNumber: string) => states(serialNumber).at(-1) as State;
  const errorsOf = (serialNumber: string) => states(serialNumber).flatMap((s) => s.errors);

  describe('configured for Opiekun', () => {
    it('registered over REST: completes a meal on one floor, then one across floors (initPosition at the elevator exit)', async () => {
      await register('V-1', ['pick', 'drop', 'initPosition']);
      // (a registered robot is asked for its factsheet too: the vehicle must read our instant actions)
      await vehicle('V-1', { controller: InstantActionsFieldController });
      await online('V-1');

      const sameFloor = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
      const first = await settled(sameFloor.id);
      expect(first.history.map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
      expect(lastState('V-1')).toMatchObject({ lastNodeId: 'F0-dayroom', nodeStates: [], driving: false, loads: [] });

      // from where the first ended (the order's first node is the dayroom) up elevator E1 to a resident's room on F1
      const upstairs = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
      expect((await settled(upstairs.id)).status).toBe('completed');
      const order = seen.filter((s) => s.topic === `uagv/v2/${M}/V-1/order`).at(-1)!.message as { nodes: { nodeId: string; actions: { actionType: string }[] }[] };
      expect(order.nodes.find((n) => n.nodeId === 'F1-E1')?.actions.map((a) => a.actionType)).toEqual(['initPosition']);
      expect(lastState('V-1')).toMatchObject({ lastNodeId: 'F1-R104', agvPosition: { mapId: 'F1', x: 10, y: -4 }, nodeStates: [], loads: [] });
      expect(await robot('V-1')).toMatchObject({ floor: 'F1', lastNodeId: 'F1-R104', errors: [] });
      expect(errorsOf('V-1')).toEqual([]);
      // every action of both orders reported FINISHED by the vehicle
      expect(lastState('V-1').actionStates.map((a) => `${a.actionType}:${a.actionStatus}`)).toEqual(['pick:FINISHED', 'initPosition:FINISHED', 'drop:FINISHED']);
    });

    it('joins on its own: answers the factsheetRequest, gets work by its factsheet, stops on a cancelOrder and takes the next task', async () => {
      await vehicle('A-1', { adapter: SlowPickAgv, controller: InstantActionsFieldController });
      const joined = await waitFor('A-1 known by its factsheet', async () => {
        const r = await robot('A-1');
        return r.actions.length > 0 ? r : undefined;
      });
      expect(joined).toMatchObject({ actions: ['pick', 'drop', 'initPosition'], instantActions: ['initPosition', 'startPause', 'stopPause', 'cancelOrder', 'factsheetRequest', 'stateRequest'] });

      // cancelled during its pick: the vehicle takes the cancelOrder, fails the pick (with an error of level WARNING
      // that names it: the library's way) and stands at the kitchen, free for the next task
      const first = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
      await waitFor('picking', async () => (lastState('A-1')?.actionStates.some((a) => a.actionType === 'pick' && a.actionStatus === 'RUNNING') ? true : undefined));
      expect((await api.request('POST', `/api/tasks/${first.id}/cancel`)).status).toBe(200);
      await waitFor('the vehicle stopped', async () => {
        const s = lastState('A-1');
        return s.actionStates.some((a) => a.actionType === 'cancelOrder' && a.actionStatus === 'FINISHED') && s.nodeStates.length === 0 && !s.driving ? true : undefined;
      });
      expect((await task(first.id)).status).toBe('cancelled');
      expect(lastState('A-1')).toMatchObject({ lastNodeId: 'F0-kitchen', agvPosition: { x: 5, y: -6 } });
      expect(lastState('A-1').actionStates.filter((a) => a.actionType !== 'factsheetRequest').map((a) => `${a.actionType}:${a.actionStatus}`)).toEqual(['pick:FAILED', 'drop:FAILED', 'cancelOrder:FINISHED']);
      expect(new Set(errorsOf('A-1').map((e) => `${e.errorLevel} ${e.errorType}: ${e.errorDescription}`))).toEqual(new Set(['WARNING orderActionError: pick action failed']));

      const again = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
      expect((await settled(again.id)).status).toBe('completed');
      expect(lastState('A-1')).toMatchObject({ lastNodeId: 'F0-dayroom', errors: [] });
    });
    it('declaring four nodes an order: a route across floors goes out as an order and order updates, which it takes; the meal completes', async () => {
      await vehicle('S-1', { adapter: ShortOrderAgv, controller: InstantActionsFieldController });
      await waitFor('S-1 known with its limits', async () => ((await robot('S-1')) as RobotBody & { orderLimits?: { nodes?: number } }).orderLimits?.nodes === 4 ? true : undefined);
      const upstairs = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
      const done = await settled(upstairs.id, 20_000);
      expect(done.history.map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
      const orders = seen.filter((x) => x.topic === `uagv/v2/${M}/S-1/order`).map((x) => x.message as unknown as { orderUpdateId: number; nodes: { nodeId: string; sequenceId: number }[] });
      const updates = [...new Set(orders.map((o) => o.orderUpdateId))];
      expect(updates.length).toBeGreaterThan(2);
      expect(updates).toEqual(updates.map((_, i) => i));
      for (const o of orders) expect(o.nodes.length).toBeLessThanOrEqual(4);
      expect(lastState('S-1')).toMatchObject({ lastNodeId: 'F1-R104', nodeStates: [], loads: [] });
      expect(errorsOf('S-1')).toEqual([]);
    });
  });

  describe('known incompatibilities of vda-5050-lib 1.4.0 as shipped', () => {
    it('its VirtualAgvAdapter refuses our pick (stationType and loadType it does not know): the task goes to staff with its words', async () => {
      await register('P-1', ['pick', 'drop']);
      await vehicle('P-1', { adapter: VirtualAgvAdapter });
      await online('P-1');
      const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
      const held = await settled(meal.id);
      expect(held.performer).toBe('staff');
      expect(held.statusReason).toMatch(/orderError: order action is not executable: invalid actionParameter/);
      const refusal = errorsOf('P-1').find((e) => e.errorType === 'orderError')!;
      expect(refusal.errorReferences).toEqual(
        expect.arrayContaining([
          { referenceKey: 'actionType', referenceValue: 'pick' },
          { referenceKey: 'actionParameter', referenceValue: 'stationType' },
          { referenceKey: 'actionParameter', referenceValue: 'loadType' },
        ]),
      );
    });

    it('its AgvController refuses every instant action (it wants the field "instantActions", VDA 5050 2.0 names it "actions"): a robot that joins on its own never gets a factsheet, so never gets work', async () => {
      await vehicle('I-1', { adapter: CareAgvWithFactsheet });
      const told = await waitFor('I-1 refusing the factsheetRequest', async () => {
        const r = await robot('I-1');
        return r.errors.length > 0 ? r : undefined;
      });
      expect(told.errors[0]).toMatchObject({
        type: 'validationError',
        description: 'invalid instant actions: TypeError: Invalid VDA 5050 InstantActions at #/allOf/1/required, #/instantActions',
      });
      expect(told.actions).toEqual([]);
      expect(seen.some((s) => s.topic === `uagv/v2/${M}/I-1/factsheet`)).toBe(false);
    });

    it('its VirtualAgvAdapter keeps the map it started on through an elevator unless the order carries initPosition: its next order, from upstairs, is refused', async () => {
      await register('E-1', ['pick', 'drop']);
      await vehicle('E-1');
      await online('E-1');
      const upstairs = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });
      expect((await settled(upstairs.id)).status).toBe('completed');
      expect(lastState('E-1')).toMatchObject({ lastNodeId: 'F1-R104', agvPosition: { mapId: 'F0' } });

      const next = await create({ type: 'linen', priority: 'routine', from: 'F1-R104', to: 'F1-R108' });
      const held = await settled(next.id);
      expect(held.performer).toBe('staff');
      expect(held.statusReason).toMatch(/noRouteError: first node of new order not within deviation range/);
      expect(errorsOf('E-1').find((e) => e.errorType === 'noRouteError')?.errorReferences).toContainEqual({ referenceKey: 'nodePosition.mapId', referenceValue: 'F0' });
    });

    it('its VirtualAgvAdapter reads nodePosition.allowedDeviationXy (1.1 spelling), not allowedDeviationXY: the wider first node we give a robot stopped off its node is refused', async () => {
      await register('D-1', ['pick', 'drop']);
      // stopped a metre down the edge from dock 1 towards the corridor, as after a cancel
      await vehicle('D-1', { at: { ...AT_DOCK_1, y: 2 } });
      await online('D-1');
      const meal = await create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
      const held = await settled(meal.id);
      const order = seen.find((s) => s.topic === `uagv/v2/${M}/D-1/order`)!.message as { nodes: { nodePosition: { allowedDeviationXY: number } }[] };
      expect(order.nodes[0].nodePosition.allowedDeviationXY).toBe(1.5);
      expect(held.performer).toBe('staff');
      expect(held.statusReason).toMatch(/noRouteError: first node of new order not within deviation range/);
      expect(errorsOf('D-1').find((e) => e.errorType === 'noRouteError')?.errorReferences).toContainEqual({ referenceKey: 'nodePosition.allowedDeviationXy', referenceValue: '0.5' });
    });
  });
});
