import { VehicleClient, type Headerless, type Order, type State } from '@opiekun/vda5050';
import { TEST_LOGINS } from './test-broker';

type ActionStatus = 'WAITING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'FINISHED' | 'FAILED';

/**
 * A hand-driven VDA 5050 vehicle for medium tests: it stands in for a third-party robot, so the test decides every
 * state it reports (no simulator logic involved). It logs in as `{manufacturer}/{serialNumber}` with the test
 * brokers' vehicle password (./test-broker.ts).
 */
export class ScriptedRobot {
  readonly client: VehicleClient;
  readonly orders: Order[] = [];
  readonly instantActions: string[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(url: string, readonly manufacturer: string, readonly serialNumber: string) {
    this.client = new VehicleClient({ url, manufacturer, serialNumber, password: TEST_LOGINS.vehiclePassword, mqttOptions: { reconnectPeriod: 0 } });
    this.client.on('order', ({ message }) => {
      this.orders.push(message as Order);
      this.check();
    });
    this.client.on('instantActions', ({ message }) => {
      for (const action of message.actions) this.instantActions.push(action.actionType);
      this.check();
    });
  }

  connected(): Promise<void> {
    return this.client.connected ? Promise.resolve() : new Promise((resolve) => this.client.once('connect', () => resolve()));
  }

  /** Resolves when `test` holds, checked on every order or instant action received. */
  until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('scripted robot: condition not met in time')), timeoutMs);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  publishState(partial: Partial<Headerless<State>>): Promise<State> {
    return this.client.publishState({ ...idleState(partial.lastNodeId ?? ''), ...partial });
  }

  /** State while executing `order`: all nodes pending, its actions with the given status. */
  executing(order: Order, status: ActionStatus, pendingFrom = 0): Partial<Headerless<State>> {
    return {
      orderId: order.orderId,
      orderUpdateId: order.orderUpdateId,
      lastNodeId: order.nodes[Math.max(0, pendingFrom - 1)].nodeId,
      nodeStates: order.nodes.slice(pendingFrom).map((n) => ({ nodeId: n.nodeId, sequenceId: n.sequenceId, released: true })),
      edgeStates: [],
      driving: status === 'RUNNING' && pendingFrom < order.nodes.length,
      actionStates: order.nodes.flatMap((n) => n.actions.map((a) => ({ actionId: a.actionId, actionType: a.actionType, actionStatus: status }))),
    };
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private check(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}

export function idleState(lastNodeId: string): Headerless<State> {
  return {
    orderId: '',
    orderUpdateId: 0,
    lastNodeId,
    lastNodeSequenceId: 0,
    nodeStates: [],
    edgeStates: [],
    driving: false,
    actionStates: [],
    batteryState: { batteryCharge: 80, charging: false },
    operatingMode: 'AUTOMATIC',
    errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
  } as Headerless<State>;
}
