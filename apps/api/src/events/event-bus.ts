import { Subject, type Observable } from 'rxjs';
import { Notifier, type Alert } from '@opiekun/application';
import type { Robot, Task, TaskEvent } from '@opiekun/domain';

/** Typed map of what the api announces (after it is stored); the Socket.IO gateway and tests subscribe. */
export interface OpiekunEvents {
  'task.changed': { task: Task; event: TaskEvent };
  'robot.changed': { robot: Robot };
  alert: { alert: Alert };
}

export type OpiekunEvent = { [K in keyof OpiekunEvents]: { type: K } & OpiekunEvents[K] }[keyof OpiekunEvents];

export class EventBus extends Notifier {
  private readonly subject = new Subject<OpiekunEvent>();
  readonly events$: Observable<OpiekunEvent> = this.subject.asObservable();

  taskChanged(task: Task, event: TaskEvent): void {
    this.subject.next({ type: 'task.changed', task, event });
  }

  robotChanged(robot: Robot): void {
    this.subject.next({ type: 'robot.changed', robot });
  }

  alert(alert: Alert): void {
    this.subject.next({ type: 'alert', alert });
  }
}
