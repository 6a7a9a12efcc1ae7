import { isTerminal, robotActivity, type Robot } from '@opiekun/domain';
import type { Clock, TimerHandle } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';

export interface AlertWatchOptions {
  /** Battery percent under which a robot that is not charging raises an alert. */
  readonly lowBattery: number;
  /** Battery percent above which the low-battery alert may be raised again. */
  readonly batteryRecovered: number;
  /** How often open tasks are checked against their deadlines. */
  readonly overdueCheckMs: number;
}

export const DEFAULT_ALERT_WATCH: AlertWatchOptions = { lowBattery: 15, batteryRecovered: 40, overdueCheckMs: 15_000 };

/**
 * Raises the alerts that follow from the picture over time rather than from one event: a task past its deadline,
 * a robot whose battery runs low, a robot that reports a fatal error. Each situation is raised once.
 */
export class AlertWatchService {
  private readonly lowBatteryRobots = new Set<string>();
  private readonly robotErrors = new Map<string, string>();
  private readonly overdueTasks = new Set<string>();
  private timer?: TimerHandle;

  constructor(
    private readonly tasks: TaskStore,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly options: AlertWatchOptions = DEFAULT_ALERT_WATCH,
  ) {}

  start(): void {
    this.timer = this.clock.setInterval(() => void this.checkOverdue().catch(() => undefined), this.options.overdueCheckMs);
  }

  stop(): void {
    this.timer?.cancel();
  }

  onRobotChanged(robot: Robot): void {
    this.watchBattery(robot);
    this.watchErrors(robot);
  }

  /** Alerts once for every open task whose deadline has passed; answers how many were new. */
  async checkOverdue(): Promise<number> {
    const now = this.clock.now();
    let raised = 0;
    for (const task of await this.tasks.active()) {
      if (task.deadline === undefined || task.deadline > now || isTerminal(task.status) || this.overdueTasks.has(task.id)) continue;
      this.overdueTasks.add(task.id);
      raised += 1;
      this.notifier.alert({
        id: `overdue-${task.id}`,
        at: now,
        kind: 'task-overdue',
        severity: task.priority === 'stat' ? 'stat' : 'warning',
        taskId: task.id,
        robotId: task.robotId,
        message: `Task ${task.id} (${task.type}) is past its deadline.`,
      });
    }
    return raised;
  }

  private watchBattery(robot: Robot): void {
    if (robot.battery === undefined || robotActivity(robot) === 'offline') return;
    if (robot.charging || robot.battery >= this.options.batteryRecovered) {
      this.lowBatteryRobots.delete(robot.id);
      return;
    }
    if (robot.battery >= this.options.lowBattery || this.lowBatteryRobots.has(robot.id)) return;
    this.lowBatteryRobots.add(robot.id);
    const now = this.clock.now();
    this.notifier.alert({
      id: `low-battery-${robot.id}-${now}`,
      at: now,
      kind: 'low-battery',
      severity: 'warning',
      robotId: robot.id,
      message: `Robot ${robot.name} battery is at ${Math.round(robot.battery)}%.`,
    });
  }

  private watchErrors(robot: Robot): void {
    const fatal = robot.errors.filter((e) => e.level === 'FATAL');
    const signature = fatal.map((e) => e.type).sort().join(',');
    const previous = this.robotErrors.get(robot.id) ?? '';
    if (signature === previous) return;
    this.robotErrors.set(robot.id, signature);
    if (!signature) return;
    const now = this.clock.now();
    this.notifier.alert({
      id: `error-${robot.id}-${now}`,
      at: now,
      kind: 'robot-error',
      severity: 'warning',
      robotId: robot.id,
      taskId: robot.currentTaskId,
      message: `Robot ${robot.name} reports ${fatal.map((e) => e.description ?? e.type).join('; ')}.`,
    });
  }
}
