import Database from 'better-sqlite3';

export interface DatabaseFigures {
  readonly tasks: number;
  readonly completed: number;
  readonly cancelled: number;
  /** Sent to the ward's staff queue (escalated), whatever staff did with them since. */
  readonly withStaff: number;
  /** Neither done, cancelled nor with staff: lost work. */
  readonly unfinished: string[];
  /** Raised by the shift (its idempotency keys) but not in the database. */
  readonly missing: string[];
  /** Tasks in the database no key of the shift made (a second copy of a task would show here). */
  readonly unexpected: string[];
  /** Tasks Opiekun made itself: a missed handover's load taken back to the pharmacy (`<id>~return`, then `<id>~return-2`…). */
  readonly returns: number;
  readonly completedTwice: string[];
  /** Tasks more than one robot was given (fail-over after a refusal, a failed action or a lost robot). */
  readonly failedOver: number;
  /** How robots' attempts ended without finishing, by what the history says. */
  readonly attemptEnds: Record<string, number>;
  /** Missions still in the outbox (a task a robot holds); 0 once everything is finished. */
  readonly outbox: number;
}

const ATTEMPT_ENDS: readonly [string, RegExp][] = [
  ['robot rejected the order', /rejected the order/],
  ['robot could not finish (action failed, fatal error)', /could not finish/],
  ['robot lost contact', /lost contact/],
  ['robot did not confirm the order', /did not confirm/],
  ['robot no longer had the order', /no longer has order/],
];

/** Open fleet work: tasks not finished that a robot should still do (staff-queue tasks are with people). */
export function openFleetTasks(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT COUNT(*) AS n FROM task WHERE status NOT IN ('completed', 'cancelled', 'failed') AND (performer IS NULL OR performer <> 'staff')`)
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Reads the final database of the soak (the api stopped) and says where every task ended. */
export function databaseFigures(dbPath: string, keys: ReadonlyMap<string, string>): DatabaseFigures {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tasks = db.prepare('SELECT id, status, performer FROM task').all() as { id: string; status: string; performer: string | null }[];
    const requests = new Map((db.prepare('SELECT request_key AS key, task_id AS id FROM task_request').all() as { key: string; id: string }[]).map((r) => [r.key, r.id]));
    const events = db.prepare('SELECT task_id AS id, to_status AS status, robot_id AS robot, cause_reason AS reason FROM task_event').all() as {
      id: string;
      status: string;
      robot: string | null;
      reason: string | null;
    }[];
    const withStaff = tasks.filter((t) => t.performer === 'staff');
    const byKeyIds = new Set(requests.values());
    const completions = count(events.filter((e) => e.status === 'completed').map((e) => e.id));
    const robotsPerTask = new Map<string, Set<string>>();
    for (const e of events) if (e.status === 'accepted' && e.robot) robotsPerTask.set(e.id, (robotsPerTask.get(e.id) ?? new Set()).add(e.robot));
    const attemptEnds: Record<string, number> = {};
    for (const e of events) {
      const end = ATTEMPT_ENDS.find(([, pattern]) => pattern.test(e.reason ?? ''));
      if (end && (e.status === 'ready' || e.status === 'failed')) attemptEnds[end[0]] = (attemptEnds[end[0]] ?? 0) + 1;
    }
    return {
      tasks: tasks.length,
      completed: tasks.filter((t) => t.status === 'completed').length,
      cancelled: tasks.filter((t) => t.status === 'cancelled').length,
      withStaff: withStaff.length,
      unfinished: tasks.filter((t) => t.performer !== 'staff' && t.status !== 'completed' && t.status !== 'cancelled').map((t) => `${t.id} (${t.status})`),
      missing: [...keys].filter(([key]) => !requests.has(key)).map(([key]) => key),
      unexpected: tasks.filter((t) => !byKeyIds.has(t.id) && !isReturn(t.id)).map((t) => t.id),
      returns: tasks.filter((t) => isReturn(t.id)).length,
      completedTwice: [...completions].filter(([, n]) => n > 1).map(([id]) => id),
      failedOver: [...robotsPerTask.values()].filter((robots) => robots.size > 1).length,
      attemptEnds,
      outbox: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

function isReturn(taskId: string): boolean {
  return /~return(-\d+)?$/.test(taskId);
}

function count(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export interface MemorySample {
  /** Which api process (0 = the first, 1 after the first restart…). */
  readonly life: number;
  /** Wall ms since that process started. */
  readonly atMs: number;
  readonly rssBytes: number;
}

export interface MemoryFigures {
  readonly samples: number;
  readonly maxRssMb: number;
  /** The longest-running api process: its RSS over its second and its last third, and the growth between. */
  readonly longestLifeS: number;
  readonly middleThirdMb: number;
  readonly lastThirdMb: number;
  readonly bounded: boolean;
  /** Each api process in turn: how long it was sampled and its RSS first, highest and last (MB). */
  readonly lives: readonly { readonly seconds: number; readonly firstMb: number; readonly maxMb: number; readonly lastMb: number }[];
}

/**
 * "Memory did not grow without bound": the api's RSS stays under `limitMb`, and in its longest life the median of
 * the last third of the samples is at most 25 % above the median of the middle third (after the warm-up third).
 */
export function memoryFigures(samples: readonly MemorySample[], limitMb = 512): MemoryFigures {
  const lives = new Map<number, MemorySample[]>();
  for (const sample of samples) lives.set(sample.life, [...(lives.get(sample.life) ?? []), sample]);
  const longest = [...lives.values()].sort((a, b) => span(b) - span(a))[0] ?? [];
  const third = Math.floor(longest.length / 3);
  const middle = median(longest.slice(third, 2 * third).map((s) => s.rssBytes)) / 2 ** 20;
  const last = median(longest.slice(2 * third).map((s) => s.rssBytes)) / 2 ** 20;
  const maxRssMb = Math.max(0, ...samples.map((s) => s.rssBytes)) / 2 ** 20;
  const enough = third >= 5;
  return {
    samples: samples.length,
    maxRssMb: round(maxRssMb),
    longestLifeS: round(span(longest) / 1000),
    middleThirdMb: round(middle),
    lastThirdMb: round(last),
    bounded: maxRssMb < limitMb && (!enough || last <= middle * 1.25),
    lives: [...lives.values()].map((life) => ({
      seconds: round(span(life) / 1000),
      firstMb: round(life[0].rssBytes / 2 ** 20),
      maxMb: round(Math.max(...life.map((s) => s.rssBytes)) / 2 ** 20),
      lastMb: round(life[life.length - 1].rssBytes / 2 ** 20),
    })),
  };
}

function span(life: readonly MemorySample[]): number {
  return life.length === 0 ? 0 : life[life.length - 1].atMs - life[0].atMs;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
