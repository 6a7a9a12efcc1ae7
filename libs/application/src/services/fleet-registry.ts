import { DomainError, DomainErrorCode, robotId as makeRobotId, type Robot } from '@opiekun/domain';
import type { RobotStore } from '../ports/robot-store.port';
import type { Notifier } from '../ports/notifier.port';

export interface RobotRegistration {
  readonly manufacturer: string;
  readonly serialNumber: string;
  readonly name?: string;
  readonly model?: string;
  readonly actions?: readonly string[];
  readonly speed?: number;
}

const DEFAULT_SPEED = 1.0;

/** Field changes that are worth a database write; pose and battery alone are written at most every `persistEveryMs`. */
function significantChange(before: Robot, after: Robot): boolean {
  return (
    before.connection !== after.connection ||
    before.currentTaskId !== after.currentTaskId ||
    before.inService !== after.inService ||
    before.paused !== after.paused ||
    before.charging !== after.charging ||
    before.name !== after.name ||
    before.model !== after.model ||
    before.speed !== after.speed ||
    before.actions.join() !== after.actions.join() ||
    before.instantActions?.join() !== after.instantActions?.join() ||
    JSON.stringify(before.orderLimits) !== JSON.stringify(after.orderLimits) ||
    JSON.stringify(before.errors) !== JSON.stringify(after.errors)
  );
}

/** A cancelOrder sent to take a robot off a task (preemption), not confirmed by the robot yet. */
export interface PendingCancel {
  readonly robotId: string;
  readonly taskId: string;
  /** The task's orderId on that robot. */
  readonly missionId: string;
  /**
   * The instant action's actionId (`cancelActionId`): the same on every resend, so its state in the robot's report
   * answers for all of them. (A vehicle that runs a repeated actionId again does no harm here: a second cancelOrder
   * finds no order, or the same one being cancelled — VDA 5050 does not promise that duplicates are dropped.)
   */
  readonly actionId: string;
  readonly reason: string;
  sends: number;
  lastSentAt: number;
}

/** The actionId of the cancelOrder that takes a robot off order `missionId`; a robot's state names it while it keeps it. */
export function cancelActionId(missionId: string): string {
  return `cancel-${missionId}`;
}

/**
 * The live picture of the fleet. Robot state arrives many times a second across the fleet; the registry keeps it in
 * memory and writes a robot to the store when something significant changed (at once, before the change is
 * announced) or its last write is old (`persistEveryMs`). Those periodic writes — only pose, battery and the like
 * changed — are gathered and written together at most every `batchEveryMs`: at 200 robots that is one write a second
 * instead of forty, each of which held the event loop with a robot's statement and commit in the middle of the
 * robots' state messages.
 */
export class FleetRegistry {
  private readonly robots = new Map<string, Robot>();
  private readonly persistedAt = new Map<string, number>();
  /** Robots whose periodic write is due (written as they are then, by the next batch). */
  private readonly due = new Set<string>();
  private batchedAt = -Infinity;
  /** Robots whose next state must be reconciled with what we expect of them before they get new work. */
  private readonly unreconciled = new Set<string>();
  /** Robots taken off a task whose cancelOrder the robot has not confirmed yet (see DispatchService.preempt). */
  private readonly cancels = new Map<string, PendingCancel>();
  private held = false;

  constructor(
    private readonly store: RobotStore,
    private readonly notifier: Notifier,
    private readonly persistEveryMs = 5_000,
    private readonly batchEveryMs = 1_000,
  ) {}

  async load(): Promise<void> {
    for (const robot of await this.store.list()) {
      // After a restart nothing is known about connections until the robots (or their last wills) speak again.
      this.robots.set(robot.id, { ...robot, connection: 'UNKNOWN', driving: false, working: false });
      this.unreconciled.add(robot.id);
    }
  }

  /** From now until `reconciled`, the robot gets no new work (it came back, or we came back after a crash). */
  holdUntilReconciled(id: string): void {
    if (this.robots.has(id)) this.unreconciled.add(id);
  }

  reconciled(id: string): void {
    this.unreconciled.delete(id);
  }

  isHeld(id: string): boolean {
    return this.unreconciled.has(id);
  }

  /** The robot keeps its task until it confirms the cancel of that task's order; it gets no new work meanwhile. */
  startCancel(cancel: PendingCancel): void {
    if (this.robots.has(cancel.robotId)) this.cancels.set(cancel.robotId, cancel);
  }

  pendingCancel(id: string): PendingCancel | undefined {
    return this.cancels.get(id);
  }

  pendingCancels(): PendingCancel[] {
    return [...this.cancels.values()];
  }

  endCancel(id: string): void {
    this.cancels.delete(id);
  }

  /**
   * The fleet as dispatch should see it: a robot not reconciled yet counts as not online (it may run a stale order);
   * a robot whose cancel is unconfirmed counts as settling (no task, busy), as it will be once it confirms; while the
   * fleet is stopped, every robot counts as paused (holdAll).
   */
  forDispatch(): Robot[] {
    return this.list().map((robot) => {
      const seen = this.unreconciled.has(robot.id) && robot.connection === 'ONLINE' ? { ...robot, connection: 'UNKNOWN' as const } : robot;
      const held = this.held && !seen.paused ? { ...seen, paused: true } : seen;
      return this.cancels.has(robot.id) ? { ...held, currentTaskId: undefined, missionId: undefined, working: true } : held;
    });
  }

  /**
   * While the whole fleet is stopped (FleetControlService), every robot is planned as paused: no order reaches any
   * robot — one that has not confirmed its pause yet, or one whose factsheet lists no startPause — until it is lifted.
   */
  holdAll(held: boolean): void {
    this.held = held;
  }

  get(id: string): Robot | undefined {
    return this.robots.get(id);
  }

  list(): Robot[] {
    return [...this.robots.values()];
  }

  /**
   * Adds a robot; one already registered is refused and left as it is: its actions and speed come from its own
   * factsheet and reports, and a second registration overwrote them (a live robot "registered" again with other
   * actions was sent tasks it cannot do).
   */
  async register(registration: RobotRegistration, now: number): Promise<Robot> {
    const id = makeRobotId(registration.manufacturer, registration.serialNumber);
    if (this.robots.has(id)) throw new DomainError(DomainErrorCode.RobotConflict, `robot ${id} is already registered`, 'serialNumber');
    const robot: Robot = {
      id,
      manufacturer: registration.manufacturer,
      serialNumber: registration.serialNumber,
      name: registration.name ?? registration.serialNumber,
      model: registration.model,
      actions: [...new Set(registration.actions ?? [])],
      speed: registration.speed ?? DEFAULT_SPEED,
      connection: 'UNKNOWN',
      charging: false,
      driving: false,
      paused: false,
      working: false,
      errors: [],
      inService: true,
    };
    await this.put(robot, now, true);
    return robot;
  }

  /** Applies a change; persists when significant (or `force`), always announces. */
  async update(id: string, change: (robot: Robot) => Robot, now: number, force = false): Promise<Robot | undefined> {
    const before = this.robots.get(id);
    if (!before) return undefined;
    const after = change(before);
    if (after === before) return before;
    await this.put(after, now, force || significantChange(before, after));
    return after;
  }

  private async put(robot: Robot, now: number, significant: boolean): Promise<void> {
    this.robots.set(robot.id, robot);
    const last = this.persistedAt.get(robot.id);
    if (significant || last === undefined) {
      this.persistedAt.set(robot.id, now);
      this.due.delete(robot.id);
      await this.store.save(robot);
    } else if (now - last >= this.persistEveryMs) {
      this.due.add(robot.id);
    }
    if (this.due.size > 0 && (now - this.batchedAt >= this.batchEveryMs || now < this.batchedAt)) await this.writeDue(now);
    this.notifier.robotChanged(robot);
  }

  /** The robots due for their periodic write, as they are now, in one store call. */
  private async writeDue(now: number): Promise<void> {
    this.batchedAt = now;
    const robots: Robot[] = [];
    for (const id of this.due) {
      const robot = this.robots.get(id);
      if (robot) robots.push(robot);
      this.persistedAt.set(id, now);
    }
    this.due.clear();
    await this.store.saveMany(robots);
  }
}
