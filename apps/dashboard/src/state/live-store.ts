import type { Alert, FleetStatus, Robot, Task } from '../api/contract';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface LiveState {
  readonly robots: ReadonlyMap<string, Robot>;
  readonly tasks: ReadonlyMap<string, Task>;
  readonly alerts: ReadonlyMap<string, Alert>;
  readonly fleet?: FleetStatus;
  readonly connection: ConnectionStatus;
  /** Epoch ms of the last complete picture from REST. */
  readonly syncedAt?: number;
  /** Transports whose robot has been seen at the pick-up while under way (ETA counts only the way to the drop). */
  readonly pickedUp: ReadonlySet<string>;
}

export interface Snapshot {
  readonly robots: readonly Robot[];
  readonly tasks: readonly Task[];
  readonly alerts: readonly Alert[];
  readonly fleet: FleetStatus;
}

type Schedule = (flush: () => void) => void;

const nextFrame: Schedule = (flush) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => flush()) : setTimeout(flush, 16);

const newer = (a: Task, b: Task) => Date.parse(a.updatedAt) >= Date.parse(b.updatedAt);

/**
 * The live picture: REST snapshot plus Socket.IO changes. Changes are applied at once, listeners are told at most
 * once per animation frame, so 50 robots reporting several times a second cost one render a frame.
 */
export class LiveStore {
  private state: LiveState = { robots: new Map(), tasks: new Map(), alerts: new Map(), connection: 'connecting', pickedUp: new Set() };
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  /** Ids changed by the socket since the current sync began: the snapshot must not roll them back. */
  private readonly liveRobots = new Set<string>();
  private readonly liveAlerts = new Set<string>();
  private readonly liveTasks = new Set<string>();
  private syncing = false;

  constructor(private readonly schedule: Schedule = nextFrame) {}

  getState = (): LiveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setConnection(connection: ConnectionStatus): void {
    if (connection !== this.state.connection) this.update({ connection });
  }

  /** Call when a sync from REST starts; changes from now on win over the snapshot. */
  beginSync(): void {
    this.syncing = true;
    this.liveRobots.clear();
    this.liveAlerts.clear();
    this.liveTasks.clear();
  }

  applySnapshot(snapshot: Snapshot, now: number): void {
    const robots = new Map(snapshot.robots.map((r) => [r.id, r] as const));
    for (const id of this.liveRobots) {
      const live = this.state.robots.get(id);
      if (live) robots.set(id, live);
    }
    const tasks = new Map(snapshot.tasks.map((t) => [t.id, t] as const));
    for (const [id, task] of this.state.tasks) {
      const fromRest = tasks.get(id);
      // What the socket said during the sync may be newer than the snapshot; anything else REST no longer lists is gone.
      if (fromRest ? newer(task, fromRest) : this.liveTasks.has(id)) tasks.set(id, task);
    }
    const alerts = new Map(snapshot.alerts.map((a) => [a.id, a] as const));
    for (const id of this.liveAlerts) {
      const live = this.state.alerts.get(id);
      if (live) alerts.set(id, live);
    }
    this.syncing = false;
    this.update({ robots, tasks, alerts, fleet: snapshot.fleet, syncedAt: now });
  }

  upsertRobot(robot: Robot): void {
    if (this.syncing) this.liveRobots.add(robot.id);
    const robots = new Map(this.state.robots);
    robots.set(robot.id, robot);
    const task = robot.currentTaskId === undefined ? undefined : this.state.tasks.get(robot.currentTaskId);
    const atPickUp = task?.kind === 'transport' && task.status === 'in-progress' && robot.lastNodeId === task.from;
    if (task && atPickUp && !this.state.pickedUp.has(task.id)) {
      this.update({ robots, pickedUp: new Set(this.state.pickedUp).add(task.id) });
      return;
    }
    this.update({ robots });
  }

  upsertTask(task: Task): void {
    const current = this.state.tasks.get(task.id);
    if (current && !newer(task, current)) return;
    if (this.syncing) this.liveTasks.add(task.id);
    const tasks = new Map(this.state.tasks);
    // History is only fetched for the task open in the details; keep it across live changes.
    tasks.set(task.id, current?.history && !task.history ? { ...task, history: current.history } : task);
    this.update({ tasks });
  }

  upsertAlert(alert: Alert): void {
    if (this.syncing) this.liveAlerts.add(alert.id);
    const alerts = new Map(this.state.alerts);
    alerts.set(alert.id, alert);
    this.update({ alerts });
  }

  setFleet(fleet: FleetStatus): void {
    this.update({ fleet });
  }

  private update(change: Partial<LiveState>): void {
    this.state = { ...this.state, ...change };
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
