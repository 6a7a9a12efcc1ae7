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
  /**
   * The same order (same id) rebuilt from where its robot now stands, replacing the outbox's copy before it is sent:
   * what a later restart reads is what the robot was given. Nothing is written unless the task's outbox row is that
   * order's (a newer assignment, or the task's end, came first).
   */
  abstract replace(mission: Mission): Promise<void>;
}
