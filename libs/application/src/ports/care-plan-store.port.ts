import type { CarePlan, Task, TaskEvent } from '@opiekun/domain';

export interface CarePlanQuery {
  readonly residentId?: string;
  readonly wardId?: string;
  readonly activeOnly?: boolean;
}

/** A materialised occurrence of a plan: which task it raised. */
export interface PlanOccurrence {
  readonly planId: string;
  /** Local wall-clock time `YYYY-MM-DDTHH:mm`. */
  readonly key: string;
  /** Epoch ms. */
  readonly at: number;
  readonly taskId: string;
  readonly planVersion: number;
}

export abstract class CarePlanStore {
  abstract list(query: CarePlanQuery): Promise<readonly CarePlan[]>;
  abstract get(id: string): Promise<CarePlan | undefined>;
  /** Insert or replace. */
  abstract save(plan: CarePlan): Promise<void>;

  /**
   * Stores the occurrence and the task it raises (with the task's first events) in one transaction, unless the
   * occurrence is stored already — by this process before a restart, or by another api instance. Answers whether
   * it stored them. This is what keeps a care plan from raising a task twice.
   */
  abstract insertOccurrence(occurrence: PlanOccurrence, task: Task, events: readonly TaskEvent[]): Promise<boolean>;
  /** Occurrences of a plan at or after `from` (epoch ms), oldest first. */
  abstract occurrences(planId: string, from: number): Promise<readonly PlanOccurrence[]>;
}
