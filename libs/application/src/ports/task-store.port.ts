import type { Task, TaskEvent, TaskPriority, TaskStatus } from '@opiekun/domain';
import type { Mission } from './robot-link.port';
import type { RequestKey } from './task-request-store.port';

export interface TaskQuery {
  readonly status?: readonly TaskStatus[];
  readonly robotId?: string;
  readonly priority?: readonly TaskPriority[];
  readonly type?: readonly string[];
  /** Epoch ms, on createdAt, inclusive. */
  readonly createdFrom?: number;
  /** Epoch ms, on createdAt, exclusive. */
  readonly createdTo?: number;
  /** Care context: tasks of these wards, of this resident, raised by this care plan. */
  readonly wardId?: readonly string[];
  readonly residentId?: string;
  readonly carePlanId?: string;
  /** `staff`: the staff queue's tasks; `robot`: the fleet's. */
  readonly performer?: 'robot' | 'staff';
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * Tasks and their history. `insert` and `save` write the task and its events in one transaction, so a transition is
 * stored whole, before anyone hears of it; a store that cannot write fails with STORAGE_UNAVAILABLE and keeps nothing.
 */
export abstract class TaskStore {
  /**
   * `request`, when the client sent a key, is stored with the task: the same key never makes a second task.
   * `mission`: a task made already assigned (a load's return, on the robot that has the load) is stored with its
   * mission in the same transaction (as `save` keeps one), so it is never seen unassigned, even after a crash.
   */
  abstract insert(task: Task, events: TaskEvent | readonly TaskEvent[], request?: RequestKey, mission?: Mission): Promise<void>;
  /**
   * Optimistic: fails with TASK_TRANSITION_INVALID when the stored row is no longer `expectedUpdatedAt`.
   * `mission`, given with an assignment, is kept in the same transaction as the task's current mission (the outbox:
   * after a crash it says exactly what was decided for the robot); a task that leaves its robot loses its mission.
   */
  abstract save(task: Task, events: readonly TaskEvent[], expectedUpdatedAt: number, mission?: Mission): Promise<void>;
  abstract get(id: string): Promise<Task | undefined>;
  abstract history(id: string): Promise<readonly TaskEvent[]>;
  abstract query(query: TaskQuery): Promise<Page<Task>>;
  /** Every task not in a terminal status. */
  abstract active(): Promise<readonly Task[]>;
}
