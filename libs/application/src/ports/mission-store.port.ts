import type { Mission } from './robot-link.port';

/**
 * The outbox of decided missions: each task that a robot holds keeps the exact mission it was given, written with the
 * assignment (see `TaskStore.save`). After a restart it tells what each robot should be doing, so an order that was
 * decided but never published is sent then, and one the robot already runs is recognised rather than sent again.
 */
export abstract class MissionStore {
  /** The current mission of every task that a robot holds (accepted, in progress or on hold with a robot). */
  abstract current(): Promise<readonly Mission[]>;
  /** The current mission of one task, if a robot holds it. */
  abstract forTask(taskId: string): Promise<Mission | undefined>;
}
