import type { Task } from '@opiekun/domain';

export interface TypeSummary {
  readonly type: string;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Completed by their deadline, of those completed that had one. */
  readonly onTime: number;
  readonly withDeadline: number;
  readonly averageWaitS: number | null;
  readonly workS: number;
}

export interface RobotSummary {
  readonly robotId: string;
  readonly tasks: number;
  readonly workS: number;
}

export interface ShiftReport {
  readonly date: string;
  readonly timezone: string;
  /** Epoch ms, the local day's bounds. */
  readonly from: number;
  readonly to: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  /** 0–1, null when no completed task had a deadline. */
  readonly onTimeRate: number | null;
  /** From when the task could start (created, or its earliest start) until a robot started it; seconds. */
  readonly averageWaitS: number | null;
  /** Seconds robots spent on tasks finished that day: the staff time the fleet gave back. */
  readonly robotWorkS: number;
  readonly byType: readonly TypeSummary[];
  readonly byRobot: readonly RobotSummary[];
}

type Tally = { completed: number; failed: number; cancelled: number; onTime: number; withDeadline: number; waits: number[]; workS: number };

const emptyTally = (): Tally => ({ completed: 0, failed: 0, cancelled: 0, onTime: 0, withDeadline: 0, waits: [], workS: 0 });
const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

function waitS(task: Task): number | undefined {
  if (task.startedAt === undefined) return undefined;
  const ready = Math.max(task.createdAt, task.earliestStart ?? task.createdAt);
  return Math.max(0, (task.startedAt - ready) / 1000);
}

function workS(task: Task): number {
  if (task.startedAt === undefined || task.finishedAt === undefined) return 0;
  return Math.max(0, (task.finishedAt - task.startedAt) / 1000);
}

function add(tally: Tally, task: Task): void {
  if (task.status === 'cancelled') tally.cancelled += 1;
  if (task.status === 'failed') tally.failed += 1;
  if (task.status !== 'completed') return;
  tally.completed += 1;
  const wait = waitS(task);
  if (wait !== undefined) tally.waits.push(wait);
  tally.workS += workS(task);
  if (task.deadline !== undefined) {
    tally.withDeadline += 1;
    if ((task.finishedAt ?? Infinity) <= task.deadline) tally.onTime += 1;
  }
}

/** Summarises the tasks that ended within [from, to): pure, so it is tested with plain task tables. */
export function summariseShift(tasks: readonly Task[], day: { date: string; timezone: string; from: number; to: number }): ShiftReport {
  const ended = tasks.filter((t) => t.finishedAt !== undefined && t.finishedAt >= day.from && t.finishedAt < day.to);
  const total = emptyTally();
  const byType = new Map<string, Tally>();
  const byRobot = new Map<string, { tasks: number; workS: number }>();
  for (const task of ended) {
    add(total, task);
    const tally = byType.get(task.type) ?? emptyTally();
    add(tally, task);
    byType.set(task.type, tally);
    if (task.robotId && (task.status === 'completed' || task.status === 'failed')) {
      const robot = byRobot.get(task.robotId) ?? { tasks: 0, workS: 0 };
      byRobot.set(task.robotId, { tasks: robot.tasks + (task.status === 'completed' ? 1 : 0), workS: robot.workS + workS(task) });
    }
  }
  return {
    ...day,
    completed: total.completed,
    failed: total.failed,
    cancelled: total.cancelled,
    onTimeRate: total.withDeadline === 0 ? null : total.onTime / total.withDeadline,
    averageWaitS: mean(total.waits),
    robotWorkS: [...byRobot.values()].reduce((sum, r) => sum + r.workS, 0),
    byType: [...byType.entries()]
      .map(([type, t]) => ({ type, completed: t.completed, failed: t.failed, cancelled: t.cancelled, onTime: t.onTime, withDeadline: t.withDeadline, averageWaitS: mean(t.waits), workS: t.workS }))
      .sort((a, b) => b.completed - a.completed || a.type.localeCompare(b.type)),
    byRobot: [...byRobot.entries()].map(([robotId, r]) => ({ robotId, ...r })).sort((a, b) => b.workS - a.workS),
  };
}
