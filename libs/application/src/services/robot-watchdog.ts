import type { Mutex } from 'async-mutex';
import type { Robot } from '@opiekun/domain';
import type { Clock, TimerHandle } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import { keepsMission } from './mission-factory';
import type { MissionSender } from './mission-sender';
import type { TaskFailover } from './task-failover';

export interface RobotWatchOptions {
  /** A robot that sent nothing for this long counts as offline (VDA 5050: state at the latest every 30 s). */
  readonly silenceMs: number;
  /** An offline robot keeps its task this long, in case it comes back, before the task goes on without it. */
  readonly graceMs: number;
  /** Task types whose load must not be left on a lost robot (medication, lab samples): they go to staff, not back to the queue. */
  readonly attendedTaskTypes: readonly string[];
  readonly checkEveryMs: number;
}

export const DEFAULT_ROBOT_WATCH: RobotWatchOptions = {
  silenceMs: 60_000,
  graceMs: 120_000,
  attendedTaskTypes: ['medication', 'lab-sample'],
  checkEveryMs: 1_000,
};

/**
 * Notices robots that are lost — their connection broke or went offline (the broker's last will, or the robot's own
 * OFFLINE), or they sent nothing for `silenceMs` — and, after `graceMs` without them, lets their task go on: back to
 * the queue for another robot, or to staff with where the robot was when it carries something that must not be
 * left. Nothing is judged while the broker itself is down: then we hear nobody, which says nothing about the robots.
 */
export class RobotWatchdog {
  private readonly offlineSince = new Map<string, number>();
  /** Since when we could hear robots (start, or the broker back); undefined while the link is down. */
  private listeningSince?: number;
  private timer?: TimerHandle;

  constructor(
    private readonly fleet: FleetRegistry,
    private readonly store: TaskStore,
    private readonly failover: TaskFailover,
    /** Orders not sent yet to a lost robot (its charge or park trip) are dropped: it is planned afresh when back. */
    private readonly sender: Pick<MissionSender, 'settle'>,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly mutex: Mutex,
    private readonly onError: (error: Error) => void,
    private readonly options: RobotWatchOptions = DEFAULT_ROBOT_WATCH,
  ) {}

  start(): void {
    this.listeningSince = this.clock.now();
    this.timer = this.clock.setInterval(() => void this.check().catch(this.onError), this.options.checkEveryMs);
  }

  stop(): void {
    this.timer?.cancel();
  }

  linkDown(): void {
    this.listeningSince = undefined;
    this.offlineSince.clear();
  }

  linkUp(): void {
    this.listeningSince = this.clock.now();
  }

  /** One pass over the fleet; answers how many tasks went on without their robot. */
  async check(): Promise<number> {
    if (this.listeningSince === undefined) return 0;
    const now = this.clock.now();
    let moved = 0;
    for (const robot of this.fleet.list()) {
      if (robot.connection === 'ONLINE') {
        this.offlineSince.delete(robot.id);
        if (this.heardFor(robot, now) >= this.options.silenceMs) await this.mutex.runExclusive(() => this.silent(robot.id));
        continue;
      }
      // the grace runs from the last word heard: a state handled after the robot went offline (its last will can
      // overtake a report still waiting for the task mutex) moves it on
      const since = Math.max(this.offlineSince.get(robot.id) ?? -Infinity, robot.lastSeenAt ?? -Infinity, this.listeningSince);
      this.offlineSince.set(robot.id, since);
      if ((robot.currentTaskId || robot.missionId) && now - since >= this.options.graceMs) {
        if (await this.mutex.runExclusive(() => this.lost(robot.id, since))) moved += 1;
      }
    }
    return moved;
  }

  private heardFor(robot: Robot, now: number): number {
    return now - Math.max(robot.lastSeenAt ?? -Infinity, this.listeningSince ?? now);
  }

  /** In the task mutex, so a state that arrived meanwhile wins. */
  private async silent(robotId: string): Promise<void> {
    const now = this.clock.now();
    const robot = this.fleet.get(robotId);
    if (!robot || robot.connection !== 'ONLINE' || this.heardFor(robot, now) < this.options.silenceMs) return;
    await this.fleet.update(robot.id, (r) => ({ ...r, connection: 'CONNECTIONBROKEN' }), now);
    this.offlineSince.set(robot.id, now);
    const seconds = Math.round(this.options.silenceMs / 1000);
    this.notifier.alert({
      id: `silent-${robot.id}-${now}`,
      at: now,
      kind: 'robot-offline',
      severity: 'warning',
      robotId: robot.id,
      taskId: robot.currentTaskId,
      message: `Robot ${robot.name} sent nothing for ${seconds} s ${whereabouts(robot)}; it counts as offline.`,
    });
  }

  /** In the task mutex: the robot's task goes on without it; a trip to a charger is simply forgotten. */
  private async lost(robotId: string, since: number): Promise<boolean> {
    const robot = this.fleet.get(robotId);
    if (!robot || robot.connection === 'ONLINE') return false;
    const task = robot.currentTaskId ? await this.store.get(robot.currentTaskId) : undefined;
    if (!task || !keepsMission(task) || task.robotId !== robot.id) {
      if (robot.missionId) this.sender.settle(robot.missionId);
      await this.fleet.update(robot.id, (r) => ({ ...r, currentTaskId: undefined, missionId: undefined }), this.clock.now());
      return false;
    }
    // Only a robot that confirmed the order can have picked anything up; `loaded: false` says it has nothing on board.
    // (types without regard to case, as custody reads them: a "Medication" delivery is one all the same)
    const attended = this.options.attendedTaskTypes.some((type) => type.toLowerCase() === task.type.toLowerCase());
    const leftWithLoad = attended && task.status !== 'accepted' && robot.loaded !== false;
    const reason = `robot ${robot.name} lost contact ${whereabouts(robot)} at ${new Date(since).toISOString()}`;
    await this.failover.endAttempt(task, robot.id, { reason, leftWithLoad });
    return true;
  }
}

/** Where a robot was last known to be, for people who have to go there. */
export function whereabouts(robot: Robot): string {
  const node = robot.lastNodeId ? `near ${robot.lastNodeId}` : 'at an unknown place';
  const pose = robot.pose ? ` (floor ${robot.pose.floor}, x ${robot.pose.x.toFixed(1)} m, y ${robot.pose.y.toFixed(1)} m)` : '';
  return `${node}${pose}`;
}
