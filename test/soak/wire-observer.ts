import { Topic } from '@opiekun/vda5050';
import { WireCapture, type CapturedMessage } from '../e2e/support/wire-capture';

interface OrderSeen {
  readonly taskId: string;
  readonly serial: string;
  /** Action ids at the task's last stop (its delivery, its visit's action): the task's effect. */
  readonly finalActions: Set<string>;
  /** Every action id of the order but the localisations at elevator exits: the task's work (waits, pick, drop…). */
  readonly workActions: Set<string>;
}

interface TaskWork {
  /** Robot serial → [first, last] wall ms at which its state showed an order of this task under way. */
  readonly active: Map<string, [number, number]>;
  /** Robots whose state showed all the task's work (its final action included) FINISHED: they did the task. */
  readonly finishedBy: Set<string>;
  /** Robots that were sent an order of the task. */
  readonly orderedTo: Set<string>;
}

export interface WireFigures {
  readonly messages: Record<string, number>;
  /** Orders and instant actions (what the api sent) that fail the VDA 5050 schema. */
  readonly invalidOutbound: number;
  readonly tasksOrdered: number;
  /** Tasks more than one robot carried out to the end (all their work FINISHED): done twice. */
  readonly doneTwice: string[];
  /** Tasks two robots worked on at the same time (their orders of it under way together). */
  readonly workedConcurrently: string[];
  /** Tasks handed from one robot to another (fail-over), for the figures. */
  readonly failedOver: number;
  /** Messages on the robots' topics that failed the schema: the soak's garbage (and a robot's bug, if any). */
  readonly invalidInbound: number;
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
  private capture?: WireCapture;
  /** What the wire showed of each task, for the report of a task that fails a check (bounded per task). */
  private readonly traces = new Map<string, string[]>();
  /** Each robot's current task (from the orders it was sent), to trace the instant actions it gets. */
  private readonly taskOfRobot = new Map<string, string>();

  private constructor() {}

  /**
   * Built on the e2e tests' WireCapture (every message validated), reconnecting through broker restarts, keeping nothing;
   * logged in as the monitor (read-only).
   */
  static async start(url: string, login: { readonly username: string; readonly password: string }): Promise<WireObserver> {
    const observer = new WireObserver();
    observer.capture = await WireCapture.start(url, { reconnectPeriodMs: 250, keep: () => false, onMessage: (message) => observer.record(message), login });
    return observer;
  }

  figures(): WireFigures {
    const doneTwice = [...this.tasks].filter(([, work]) => work.finishedBy.size > 1).map(([id]) => id);
    const workedConcurrently = [...this.tasks].filter(([, work]) => overlaps([...work.active.values()])).map(([id]) => id);
    return {
      messages: { ...this.counts },
      invalidOutbound: this.invalidOutbound().length,
      invalidInbound: (this.capture?.invalid.length ?? 0) - this.invalidOutbound().length,
      tasksOrdered: this.tasks.size,
      doneTwice,
      workedConcurrently,
      failedOver: [...this.tasks.values()].filter((work) => work.orderedTo.size > 1).length,
    };
  }

  /** What the api sent that failed the schema (the soak's own garbage goes only to the robots' outbound topics). */
  private invalidOutbound(): { topic: string; error: string }[] {
    return (this.capture?.invalid ?? []).filter((m) => /\/(order|instantActions)$/.test(m.topic));
  }

  /** Robots (serial numbers) that finished the task's last action, as the wire shows. */
  finishers(taskId: string): string[] {
    return [...(this.tasks.get(taskId)?.finishedBy ?? [])];
  }

  async stop(): Promise<void> {
    await this.capture?.stop();
  }

  /** Every message that passed the schema (the soak's garbage does not reach here). */
  private record(message: CapturedMessage): void {
    this.counts[message.subtopic] = (this.counts[message.subtopic] ?? 0) + 1;
    if (message.subtopic === Topic.Order) this.onOrder(message.serialNumber, message.payload);
    if (message.subtopic === Topic.State) this.onState(message.serialNumber, message.payload);
    if (message.subtopic === Topic.InstantActions) {
      const taskId = this.taskOfRobot.get(message.serialNumber);
      const types = ((message.payload.actions as { actionType: string }[]) ?? []).map((a) => a.actionType).join(',');
      if (taskId) this.trace(taskId, `instantActions ${types} → ${message.serialNumber}`);
    }
  }

  /** What the wire showed of a task, oldest first. */
  traceOf(taskId: string): readonly string[] {
    return this.traces.get(taskId) ?? [];
  }

  private trace(taskId: string, line: string): void {
    const lines = this.traces.get(taskId) ?? [];
    const stamp = new Date().toISOString().slice(11, 23);
    // Robots repeat their action states in every state message: each line once (instant actions every time).
    if (lines.length < 60 && (line.startsWith('instantActions') || !lines.some((l) => l.slice(stamp.length + 1) === line))) lines.push(`${stamp} ${line}`);
    this.traces.set(taskId, lines);
  }

  private onOrder(serial: string, order: Record<string, unknown>): void {
    const orderId = String(order.orderId);
    const taskId = taskOf(orderId);
    if (!taskId) return;
    const nodes = (order.nodes as { actions: { actionId: string; actionType: string }[] }[]) ?? [];
    const known = this.orders.get(orderId);
    const finalActions = known?.finalActions ?? new Set<string>();
    const workActions = known?.workActions ?? new Set<string>();
    const last = nodes[nodes.length - 1];
    // An update resends the stops from where the robot is; the last node stays the task's last stop.
    for (const action of last?.actions ?? []) if (action.actionType !== 'initPosition') finalActions.add(action.actionId);
    for (const node of nodes) for (const action of node.actions ?? []) if (action.actionType !== 'initPosition') workActions.add(action.actionId);
    if (!known) this.orders.set(orderId, { taskId, serial, finalActions, workActions });
    this.work(taskId).orderedTo.add(serial);
    this.taskOfRobot.set(serial, taskId);
    this.trace(taskId, `order ${orderId}/${String(order.orderUpdateId)} → ${serial}`);
  }

  private onState(serial: string, state: Record<string, unknown>): void {
    const orderId = String(state.orderId ?? '');
    const order = this.orders.get(orderId);
    if (!order) return;
    const work = this.work(order.taskId);
    const actions = (state.actionStates as { actionId: string; actionStatus: string }[]) ?? [];
    const mine = actions.filter((a) => a.actionId.startsWith(`${orderId}/`));
    // Working the task: some of its actions not yet ended. A robot whose order was cancelled (its actions FAILED) and
    // that is still rolling to a stop does nothing of the task any more.
    const underWay = mine.some((a) => UNFINISHED.has(a.actionStatus));
    const now = Date.now();
    if (underWay) {
      const span = work.active.get(serial);
      work.active.set(serial, span ? [span[0], now] : [now, now]);
    }
    for (const a of mine) if (a.actionStatus === 'FINISHED' || a.actionStatus === 'FAILED') this.trace(order.taskId, `${serial} ${a.actionId.slice(orderId.length + 1)} ${a.actionStatus}`);
    // A robot whose pick failed and that went on to drop did not carry the task out; one that finished all its work did.
    const finished = new Set(mine.filter((a) => a.actionStatus === 'FINISHED').map((a) => a.actionId));
    const didIt = [...order.finalActions].some((id) => finished.has(id)) && [...order.workActions].every((id) => finished.has(id));
    if (didIt) work.finishedBy.add(serial);
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

/** `${taskId}:${attempt}` → taskId; undefined for trips to a charger or a waiting point and other orders. */
function taskOf(orderId: string): string | undefined {
  if (orderId.startsWith('charge:') || orderId.startsWith('park:')) return undefined;
  const colon = orderId.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(orderId.slice(colon + 1)) ? orderId.slice(0, colon) : undefined;
}

function overlaps(spans: [number, number][]): boolean {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i][0] < sorted[i - 1][1]) return true;
  return false;
}
