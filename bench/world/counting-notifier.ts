import { Notifier, type Alert } from '@opiekun/application';
import { isTerminal, type Robot, type Task, type TaskEvent } from '@opiekun/domain';

/** Counts instead of recording (a shift at scale announces millions of robot changes). */
export class CountingNotifier extends Notifier {
  terminal = 0;
  preemptions = 0;
  requeues = 0;
  readonly alerts = new Map<Alert['kind'], number>();

  taskChanged(_task: Task, event: TaskEvent): void {
    if (isTerminal(event.to)) this.terminal += 1;
    if (event.to === 'ready' && event.from !== 'requested') {
      if (event.detail?.startsWith('preempted')) this.preemptions += 1;
      else this.requeues += 1;
    }
  }

  robotChanged(_robot: Robot): void {}

  alert(alert: Alert): void {
    this.alerts.set(alert.kind, (this.alerts.get(alert.kind) ?? 0) + 1);
  }
}
