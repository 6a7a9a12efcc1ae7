import { connect, type MqttClient } from 'mqtt';
import { parseTopic, Topic, validateMessage } from '@opiekun/vda5050';

interface OrderSeen {
  readonly taskId: string;
  readonly serial: string;
  /** Action ids at the task's last stop (its delivery, its visit's action): the task's effect. */
  readonly finalActions: Set<string>;
}

interface TaskWork {
  /** Robot serial → [first, last] wall ms at which its state showed an order of this task under way. */
  readonly active: Map<string, [number, number]>;
  /** Robots whose state showed the task's final action FINISHED. */
  readonly finishedBy: Set<string>;
  /** Robots that were sent an order of the task. */
  readonly orderedTo: Set<string>;
}

export interface WireFigures {
  readonly messages: Record<string, number>;
  /** Orders and instant actions (what the api sent) that fail the VDA 5050 schema. */
  readonly invalidOutbound: number;
  readonly tasksOrdered: number;
  /** Tasks whose final action more than one robot finished: done twice. */
  readonly doneTwice: string[];
  /** Tasks two robots worked on at the same time (their orders of it under way together). */
  readonly workedConcurrently: string[];
  /** Tasks handed from one robot to another (fail-over), for the figures. */
  readonly failedOver: number;
  readonly reconnects: number;
}

const UNFINISHED = new Set(['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED']);

/**
 * The soak's record of the MQTT traffic: it listens to every VDA 5050 topic (reconnecting through broker restarts)
 * and keeps, per task, which robots were sent its orders, which ran them when, and which finished its last action —
 * enough to prove from the wire that no task was done twice, in constant memory per task.
 */
export class WireObserver {
  private readonly orders = new Map<string, OrderSeen>();
  private readonly tasks = new Map<string, TaskWork>();
  private readonly counts: Record<string, number> = {};
  private invalid = 0;
  private connects = 0;

  private constructor(private readonly client: MqttClient) {}

  static async start(url: string): Promise<WireObserver> {
    const client = connect(url, { reconnectPeriod: 250, connectTimeout: 5_000, clientId: `soak-observer-${process.pid}` });
    const observer = new WireObserver(client);
    client.on('error', () => undefined);
    client.on('connect', () => {
      observer.connects += 1;
      // Subscribed on every (re)connect: a restarted broker has no session for us.
      client.subscribe('uagv/#', { qos: 1 });
    });
    client.on('message', (topic, payload) => observer.record(topic, payload));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`observer could not connect to ${url}`)), 10_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return observer;
  }

  figures(): WireFigures {
    const doneTwice = [...this.tasks].filter(([, work]) => work.finishedBy.size > 1).map(([id]) => id);
    const workedConcurrently = [...this.tasks].filter(([, work]) => overlaps([...work.active.values()])).map(([id]) => id);
    return {
      messages: { ...this.counts },
      invalidOutbound: this.invalid,
      tasksOrdered: this.tasks.size,
      doneTwice,
      workedConcurrently,
      failedOver: [...this.tasks.values()].filter((work) => work.orderedTo.size > 1).length,
      reconnects: Math.max(0, this.connects - 1),
    };
  }

  /** Robots (serial numbers) that finished the task's last action, as the wire shows. */
  finishers(taskId: string): string[] {
    return [...(this.tasks.get(taskId)?.finishedBy ?? [])];
  }

  async stop(): Promise<void> {
    await this.client.endAsync(true);
  }

  private record(topic: string, raw: Buffer): void {
    const parsed = parseTopic(topic);
    if (!parsed || raw.length === 0) return;
    this.counts[parsed.topic] = (this.counts[parsed.topic] ?? 0) + 1;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
    if (parsed.topic === Topic.Order || parsed.topic === Topic.InstantActions) {
      if (!validateMessage(parsed.topic, message).ok) this.invalid += 1;
    }
    if (parsed.topic === Topic.Order) this.onOrder(parsed.serialNumber, message);
    // The soak's own garbage is sent on state topics too; only messages that pass the schema are read as states.
    if (parsed.topic === Topic.State && validateMessage(Topic.State, message).ok) this.onState(parsed.serialNumber, message);
  }

  private onOrder(serial: string, order: Record<string, unknown>): void {
    const orderId = String(order.orderId);
    const taskId = taskOf(orderId);
    if (!taskId) return;
    const nodes = (order.nodes as { actions: { actionId: string; actionType: string }[] }[]) ?? [];
    const known = this.orders.get(orderId);
    const finalActions = known?.finalActions ?? new Set<string>();
    const last = nodes[nodes.length - 1];
    // An update resends the stops from where the robot is; the last node stays the task's last stop.
    for (const action of last?.actions ?? []) if (action.actionType !== 'initPosition') finalActions.add(action.actionId);
    if (!known) this.orders.set(orderId, { taskId, serial, finalActions });
    this.work(taskId).orderedTo.add(serial);
  }

  private onState(serial: string, state: Record<string, unknown>): void {
    const orderId = String(state.orderId ?? '');
    const order = this.orders.get(orderId);
    if (!order) return;
    const work = this.work(order.taskId);
    const actions = (state.actionStates as { actionId: string; actionStatus: string }[]) ?? [];
    const mine = actions.filter((a) => a.actionId.startsWith(`${orderId}/`));
    const underWay = ((state.nodeStates as unknown[]) ?? []).length > 0 || state.driving === true || mine.some((a) => UNFINISHED.has(a.actionStatus));
    const now = Date.now();
    if (underWay) {
      const span = work.active.get(serial);
      work.active.set(serial, span ? [span[0], now] : [now, now]);
    }
    if (mine.some((a) => a.actionStatus === 'FINISHED' && order.finalActions.has(a.actionId))) work.finishedBy.add(serial);
  }

  private work(taskId: string): TaskWork {
    let work = this.tasks.get(taskId);
    if (!work) {
      work = { active: new Map(), finishedBy: new Set(), orderedTo: new Set() };
      this.tasks.set(taskId, work);
    }
    return work;
  }
}

/** `${taskId}:${attempt}` → taskId; undefined for trips to a charger and other orders. */
function taskOf(orderId: string): string | undefined {
  if (orderId.startsWith('charge:')) return undefined;
  const colon = orderId.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(orderId.slice(colon + 1)) ? orderId.slice(0, colon) : undefined;
}

function overlaps(spans: [number, number][]): boolean {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i][0] < sorted[i - 1][1]) return true;
  return false;
}
