import { loadFacility, type Facility, type Robot, type Task, type TaskEvent } from '@opiekun/domain';
import type { AlertQuery, AlertStore, StoredAlert } from '../ports/alert-store.port';
import { Clock, type TimerHandle } from '../ports/clock.port';
import { Notifier, type Alert } from '../ports/notifier.port';
import type { InstantCommand, Mission, RobotLink } from '../ports/robot-link.port';
import type { RobotStore } from '../ports/robot-store.port';
import type { SettingStore } from '../ports/setting-store.port';
import type { StaffUserStore } from '../ports/staff-user-store.port';
import type { Page, TaskQuery, TaskStore } from '../ports/task-store.port';
import type { StaffIdentity, StaffUser } from './staff-roles';

/** In-memory doubles of the ports the dashboard's services use; tests assert on their contents (effects). */

export class ManualClock extends Clock {
  private timers: { at: number; fn: () => void; every?: number; cancelled: boolean }[] = [];
  constructor(public current = Date.parse('2026-11-23T09:00:00Z')) {
    super();
  }
  now(): number {
    return this.current;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + ms, fn, cancelled: false });
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + ms, fn, every: ms, cancelled: false });
  }
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.current = next.at;
      if (next.every) next.at += next.every;
      else next.cancelled = true;
      next.fn();
    }
    this.current = end;
  }
  private add(timer: { at: number; fn: () => void; every?: number; cancelled: boolean }): TimerHandle {
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
}

export class MemorySettingStore implements SettingStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async put(key: string, value: string | undefined) {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

export class MemoryAlertStore implements AlertStore {
  readonly alerts = new Map<string, StoredAlert>();
  async insertIfNew(alert: StoredAlert) {
    if (this.alerts.has(alert.id)) return false;
    this.alerts.set(alert.id, alert);
    return true;
  }
  async get(id: string) {
    return this.alerts.get(id);
  }
  async list(query: AlertQuery) {
    return [...this.alerts.values()]
      .filter((a) => (!query.openOnly || a.acknowledgedAt === undefined) && (query.since === undefined || a.at >= query.since))
      .sort((a, b) => b.at - a.at)
      .slice(0, query.limit);
  }
  async save(alert: StoredAlert) {
    this.alerts.set(alert.id, alert);
  }
}

export class MemoryStaffUserStore implements StaffUserStore {
  readonly users: StaffUser[] = [];
  async findByUsername(username: string) {
    return this.users.find((u) => u.username === username);
  }
  async count() {
    return this.users.length;
  }
  async insert(user: StaffUser) {
    this.users.push(user);
  }
}

export class MemoryRobotStore implements RobotStore {
  readonly saved = new Map<string, Robot>();
  async save(robot: Robot) {
    this.saved.set(robot.id, robot);
  }
  async saveMany(robots: readonly Robot[]) {
    for (const robot of robots) this.saved.set(robot.id, robot);
  }
  async get(id: string) {
    return this.saved.get(id);
  }
  async list() {
    return [...this.saved.values()];
  }
}

/** Enough of a task store for reads: tasks are put in directly. */
export class MemoryTaskStore implements TaskStore {
  readonly tasks = new Map<string, Task>();
  put(...tasks: Task[]): void {
    for (const task of tasks) this.tasks.set(task.id, task);
  }
  async insert(task: Task, _event: TaskEvent) {
    this.tasks.set(task.id, task);
  }
  async save(task: Task) {
    this.tasks.set(task.id, task);
  }
  async get(id: string) {
    return this.tasks.get(id);
  }
  async history() {
    return [];
  }
  async query(query: TaskQuery): Promise<Page<Task>> {
    const all = [...this.tasks.values()].filter(
      (t) =>
        (!query.status || query.status.includes(t.status)) &&
        (query.createdFrom === undefined || t.createdAt >= query.createdFrom) &&
        (query.createdTo === undefined || t.createdAt < query.createdTo),
    );
    return { items: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }
  async active() {
    return [...this.tasks.values()].filter((t) => !['completed', 'failed', 'cancelled'].includes(t.status));
  }
}

/** What the link was asked to send, in order: the protocol effects of a command. */
export class RecordingRobotLink implements RobotLink {
  readonly sent: ({ robotId: string } & InstantCommand)[] = [];
  readonly missions: Mission[] = [];
  unreachable = new Set<string>();
  async sendMission(mission: Mission) {
    this.missions.push(mission);
  }
  async sendInstant(robotId: string, command: InstantCommand) {
    if (this.unreachable.has(robotId)) throw new Error(`${robotId} unreachable`);
    this.sent.push({ robotId, ...command });
  }
}

export class RecordingNotifier extends Notifier {
  readonly alerts: Alert[] = [];
  readonly robots: Robot[] = [];
  taskChanged(): void {}
  robotChanged(robot: Robot): void {
    this.robots.push(robot);
  }
  alert(alert: Alert): void {
    this.alerts.push(alert);
  }
}

export const carer: StaffIdentity = { id: 'u-carer', username: 'anna', displayName: 'Anna', role: 'carer' };
export const nurse: StaffIdentity = { id: 'u-nurse', username: 'ewa', displayName: 'Ewa', role: 'nurse' };
export const manager: StaffIdentity = { id: 'u-manager', username: 'piotr', displayName: 'Piotr', role: 'manager' };

/** Ground floor corridor A–B–C, chargers Q1 (by A) and Q2 (by C), a room R off B. */
export function dashboardFacility(): Facility {
  const node = (id: string, x: number, kind: string, y = 0) => ({ id, floor: 'G', x, y, kind });
  return loadFacility({
    id: 'dash',
    name: 'Dashboard test building',
    timezone: 'Europe/Warsaw',
    floors: [{ id: 'G', name: 'Ground', level: 0 }],
    nodes: [node('A', 0, 'corridor'), node('B', 10, 'corridor'), node('C', 20, 'corridor'), node('Q1', 0, 'charger', 3), node('Q2', 20, 'charger', 3), node('R', 10, 'room', 4)],
    edges: [
      { from: 'A', to: 'B', kind: 'corridor' },
      { from: 'B', to: 'C', kind: 'corridor' },
      { from: 'A', to: 'Q1', kind: 'door' },
      { from: 'C', to: 'Q2', kind: 'door' },
      { from: 'B', to: 'R', kind: 'door' },
    ],
    elevators: [],
    rooms: [{ id: '1', floor: 'G', node: 'R', beds: 1 }],
    zones: [],
  });
}

export function aTask(overrides: Partial<Task> & { id: string }): Task {
  return {
    type: 'meal',
    priority: 'routine',
    spec: { kind: 'transport', from: 'A', to: 'R', pickAction: 'pick', dropAction: 'drop' },
    requires: ['pick', 'drop'],
    status: 'ready',
    attempt: 0,
    createdAt: Date.parse('2026-11-23T08:00:00Z'),
    updatedAt: Date.parse('2026-11-23T08:00:00Z'),
    ...overrides,
  };
}
