import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Alert } from '@opiekun/application';
import type { Robot, Task, TaskEvent } from '@opiekun/domain';
import type { Subscription } from 'rxjs';
import type { EventBus, OpiekunEvent } from './event-bus';

/** Where the lines go: Nest's Logger in the api, a recorder in tests. */
export interface EventLogSink {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * What happened, in the api's log, for the IT people who read it rather than the dashboard: robots joining and
 * leaving (connection changes only, not every state), each task's milestones — raised, given to a robot, done,
 * back in the queue or to staff and why — and every alert. One line each, at level `log` (alerts at `warn`), so
 * `LOG_LEVEL=warn` keeps only the alerts.
 */
export class EventLog implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;
  private readonly connections = new Map<string, Robot['connection']>();

  constructor(
    private readonly bus: EventBus,
    private readonly sink: EventLogSink,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.events$.subscribe((event) => this.write(event));
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  write(event: OpiekunEvent): void {
    switch (event.type) {
      case 'robot.changed':
        return this.robot(event.robot);
      case 'task.changed':
        return this.task(event.task, event.event);
      case 'alert':
        return this.alert(event.alert);
    }
  }

  private robot(robot: Robot): void {
    const before = this.connections.get(robot.id);
    if (before === robot.connection) return;
    this.connections.set(robot.id, robot.connection);
    // the first sight of a robot that is not online (a stored one, at start) is not news
    if (before === undefined && robot.connection !== 'ONLINE') return;
    this.sink.log(`robot ${robot.name} (${robot.id}): ${robot.connection}${robot.lastNodeId ? ` at ${robot.lastNodeId}` : ''}`);
  }

  private task(task: Task, event: TaskEvent): void {
    const line = taskLine(task, event);
    if (line !== undefined) this.sink.log(line);
  }

  private alert(alert: Alert): void {
    this.sink.warn(`alert (${alert.severity}, ${alert.kind}): ${alert.message}`);
  }
}

/** A task's milestone as one line, or undefined for a step not worth one (requested → ready, accepted → in-progress). */
export function taskLine(task: Task, event: TaskEvent): string | undefined {
  const what = `task ${task.id} (${task.type}, ${task.priority})`;
  const why = event.cause.reason ?? event.detail;
  const by = event.cause.kind === 'staff' ? ` by ${event.cause.id ?? 'staff'}` : event.cause.kind === 'robot' ? ` by robot ${event.cause.id ?? ''}` : '';
  const because = why ? `: ${why}` : '';
  switch (event.to) {
    case 'requested':
      return `${what}: raised${by}`;
    case 'accepted':
      return event.robotId ? `${what}: given to robot ${event.robotId} (attempt ${task.attempt})` : `${what}: taken${by}`;
    case 'completed':
      return `${what}: completed${event.robotId ? ` by robot ${event.robotId}` : by}`;
    case 'ready':
      return event.from === 'requested' || event.from === null ? undefined : `${what}: back in the queue (was ${event.from})${because}`;
    case 'in-progress':
      return undefined;
    default:
      return `${what}: ${event.to}${by}${because}`;
  }
}
