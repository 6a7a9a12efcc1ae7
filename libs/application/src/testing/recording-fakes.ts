import type { Robot, Task, TaskEvent } from '@opiekun/domain';
import { Notifier, type Alert } from '../ports/notifier.port';
import { RobotLink, type InstantCommand, type Mission } from '../ports/robot-link.port';

/** A RobotLink that records what it was asked to send; `failSends` makes every send reject (broker down). */
export class RecordingRobotLink extends RobotLink {
  readonly missions: Mission[] = [];
  readonly instants: { robotId: string; command: InstantCommand }[] = [];
  failSends = false;

  async sendMission(mission: Mission): Promise<void> {
    if (this.failSends) throw new Error('broker unreachable');
    this.missions.push(mission);
  }

  async sendInstant(robotId: string, command: InstantCommand): Promise<void> {
    if (this.failSends) throw new Error('broker unreachable');
    this.instants.push({ robotId, command });
  }
}

export class RecordingNotifier extends Notifier {
  readonly taskEvents: { task: Task; event: TaskEvent }[] = [];
  readonly robots: Robot[] = [];
  readonly alerts: Alert[] = [];

  taskChanged(task: Task, event: TaskEvent): void {
    this.taskEvents.push({ task, event });
  }

  robotChanged(robot: Robot): void {
    this.robots.push(robot);
  }

  alert(alert: Alert): void {
    this.alerts.push(alert);
  }
}
