import type { Robot, Task, TaskEvent } from '@opiekun/domain';

export interface Alert {
  readonly id: string;
  readonly at: number;
  readonly kind: 'robot-offline' | 'low-battery' | 'task-failed' | 'task-overdue' | 'robot-error' | 'robot-failing' | 'robot-order-limit' | 'no-capable-robot' | 'task-escalated' | 'patrol-finding' | 'task-done-offline';
  readonly severity: 'info' | 'warning' | 'stat';
  readonly robotId?: string;
  readonly taskId?: string;
  /** The ward whose staff it is for (care alerts), and the room it is about. */
  readonly wardId?: string;
  readonly roomId?: string;
  readonly message: string;
}

/** Announces what was already stored: live dashboards listen here. */
export abstract class Notifier {
  abstract taskChanged(task: Task, event: TaskEvent): void;
  abstract robotChanged(robot: Robot): void;
  abstract alert(alert: Alert): void;
}
