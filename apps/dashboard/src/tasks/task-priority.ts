import { TASK_PRIORITIES, type TaskPriority } from '../api/contract';

export const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = Object.fromEntries(
  TASK_PRIORITIES.map((p, i) => [p, i]),
) as Record<TaskPriority, number>;
