import { RRule, Weekday, type Options } from 'rrule';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { fromWallClock, toWallClock, wallClockDate, wallClockKey } from './zoned-time';

const DAY_MS = 86_400_000;

/** When a plan repeats: an iCalendar RRULE value evaluated in the facility's local time, from a start date. */
export interface Schedule {
  /** e.g. `FREQ=DAILY;BYHOUR=8,13,18` or `FREQ=WEEKLY;BYDAY=MO;BYHOUR=10`; times of day in local time. */
  readonly rrule: string;
  /** First local date, `YYYY-MM-DD`; the rule's times count from its midnight. */
  readonly startsOn: string;
  /** Last local date (inclusive), `YYYY-MM-DD`. */
  readonly endsOn?: string;
}

export interface Occurrence {
  /** Local wall-clock time `YYYY-MM-DDTHH:mm`: with the plan id, the occurrence's identity. */
  readonly key: string;
  /** Epoch ms. */
  readonly at: number;
}

/** Care happens at most hourly; a rule of minutes or seconds is a mistake, not a plan. */
const FREQUENCIES = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY, RRule.HOURLY]);

/**
 * Most occurrences a plan may have on one local day: a round every half hour, day and night. No care plan needs more;
 * FREQ=HOURLY with every BYMINUTE raised 1,440 tasks a day and held the api for over a second making them.
 */
export const MAX_OCCURRENCES_PER_DAY = 48;

/** How far from its start (or today) a plan must first occur: one that never does would sit active raising nothing. */
const FIRST_OCCURRENCE_WITHIN_DAYS = 366;

/** How many days from its first occurrence the daily cap is checked: a month holds every weekly and monthly pattern. */
const DAILY_CAP_CHECKED_DAYS = 31;

/**
 * The values RFC 5545 §3.3.10 allows in the rule's numeric parts. rrule parses them and checks none: BYHOUR=25 and
 * BYMINUTE=99 were taken and wrapped round. `signed` parts count from the end as well (-1 the last day).
 */
const PART_RANGES: readonly { part: string; key: 'bymonth' | 'bymonthday' | 'byyearday' | 'byweekno' | 'bysetpos' | 'byhour' | 'byminute'; min: number; max: number; signed?: true }[] = [
  { part: 'BYMONTH', key: 'bymonth', min: 1, max: 12 },
  { part: 'BYMONTHDAY', key: 'bymonthday', min: 1, max: 31, signed: true },
  { part: 'BYYEARDAY', key: 'byyearday', min: 1, max: 366, signed: true },
  { part: 'BYWEEKNO', key: 'byweekno', min: 1, max: 53, signed: true },
  { part: 'BYSETPOS', key: 'bysetpos', min: 1, max: 366, signed: true },
  { part: 'BYHOUR', key: 'byhour', min: 0, max: 23 },
  { part: 'BYMINUTE', key: 'byminute', min: 0, max: 59 },
];

/** The shortest period of each FREQ (a 28-day month, a 365-day year): bounds how many periods rrule walks to a date. */
const SHORTEST_PERIOD_MS: Readonly<Record<number, number>> = {
  [RRule.YEARLY]: 365 * DAY_MS,
  [RRule.MONTHLY]: 28 * DAY_MS,
  [RRule.WEEKLY]: 7 * DAY_MS,
  [RRule.DAILY]: DAY_MS,
  [RRule.HOURLY]: 3_600_000,
};

/** Parses and checks a schedule; every problem in one DomainError(CareInvalid). */
export function parseSchedule(schedule: Schedule): RRule {
  const problems: string[] = [];
  const start = wallClockDate(schedule.startsOn);
  if (start === undefined) problems.push(`startsOn: not a date YYYY-MM-DD: "${schedule.startsOn}"`);
  const end = schedule.endsOn === undefined ? undefined : wallClockDate(schedule.endsOn);
  if (schedule.endsOn !== undefined && end === undefined) problems.push(`endsOn: not a date YYYY-MM-DD: "${schedule.endsOn}"`);
  if (start !== undefined && end !== undefined && end < start) problems.push('endsOn: before startsOn');
  let options: Partial<Options> | undefined;
  const text = schedule.rrule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|TZID|\n/i.test(text)) problems.push('rrule: give the RRULE value only; the start is startsOn and the time zone the facility\'s');
  else {
    try {
      options = RRule.parseString(text);
    } catch (error) {
      problems.push(`rrule: ${(error as Error).message}`);
    }
  }
  if (options && (options.freq === undefined || !FREQUENCIES.has(options.freq))) problems.push('rrule: FREQ must be YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY');
  else if (options) problems.push(...partProblems(options, text));
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  const until = end === undefined ? options!.until : new Date(Math.min(end + DAY_MS - 1, options!.until?.getTime() ?? Infinity));
  // Floating times (UTC fields = local wall clock): the rule counts in local days and hours, as staff mean it.
  return new RRule({ ...options, dtstart: new Date(start!), until: until ?? null, tzid: null });
}

/**
 * Occurrences whose instant falls in [from, to), in time order. Local times are turned into instants in the facility's
 * zone, so "08:00 every day" stays 08:00 across daylight-saving changes (see `fromWallClock` for the missing and the
 * doubled hour). Two local times that land on the same instant count once.
 */
export function occurrencesBetween(schedule: Schedule, from: number, to: number, timeZone: string): Occurrence[] {
  if (to <= from) return [];
  const rule = parseSchedule(schedule);
  const wallFrom = toWallClock(from, timeZone) - DAY_MS;
  const wallTo = toWallClock(to, timeZone) + DAY_MS;
  const seen = new Set<number>();
  const out: Occurrence[] = [];
  const perDay = new DailyCount();
  walk(rule, wallTo, (wall) => {
    if (wall.getTime() < wallFrom) return true;
    // A plan kept before the cap was checked must not flood the task list (or the event loop) on every roll.
    perDay.add(wall);
    const at = fromWallClock(wall.getTime(), timeZone);
    if (at < from || at >= to || seen.has(at)) return true;
    seen.add(at);
    out.push({ key: wallClockKey(wall.getTime()), at });
    return true;
  });
  return out;
}

/**
 * Checks that a schedule works as a care plan from the local day of `notBefore` (or its startsOn, when later): it
 * occurs within a year, and at most MAX_OCCURRENCES_PER_DAY times on any local day up to a month past its first
 * occurrence then. Answers that occurrence; problems in one DomainError(CareInvalid), like parseSchedule's.
 */
export function firstOccurrence(schedule: Schedule, notBefore: number | undefined, timeZone: string): Occurrence {
  const rule = parseSchedule(schedule);
  const today = notBefore === undefined ? -Infinity : Math.floor(toWallClock(notBefore, timeZone) / DAY_MS) * DAY_MS;
  const from = Math.max(rule.options.dtstart.getTime(), today);
  const until = from + FIRST_OCCURRENCE_WITHIN_DAYS * DAY_MS;
  const perDay = new DailyCount();
  let first: Date | undefined;
  if (someDayBetween(candidateDays(rule), from, until)) {
    // every date walked counts, those before `from` too: a day over the cap is the rule's fault whenever it falls
    walk(rule, until, (wall) => {
      perDay.add(wall);
      if (wall.getTime() >= from) first ??= wall;
      return first === undefined || wall.getTime() < first.getTime() + DAILY_CAP_CHECKED_DAYS * DAY_MS;
    });
  }
  if (first === undefined) {
    const problem = `rrule: no occurrence from ${day(from)} to ${day(until - DAY_MS)}: the plan would never raise a task`;
    throw new DomainError(DomainErrorCode.CareInvalid, problem, 'rrule', [problem]);
  }
  return { key: wallClockKey(first.getTime()), at: fromWallClock(first.getTime(), timeZone) };
}

function someDayBetween(days: RRule, from: number, until: number): boolean {
  let found = false;
  walk(days, until, (wall) => {
    found = wall.getTime() >= from;
    return !found;
  });
  return found;
}

/**
 * A daily rule for the days the rule's day parts let through: a superset of its dates (nth weekdays and BYSETPOS
 * only narrow them), walked a day a period. An hourly rule whose days never come walks a day a period too, but its
 * walk's bound counts hours: finding no day this way first spares that walk (a fifth of a second).
 */
function candidateDays(rule: RRule): RRule {
  const { dtstart, until, bymonth, bymonthday, byyearday, byweekno, byweekday, wkst } = rule.origOptions;
  return new RRule({ freq: RRule.DAILY, dtstart, until, bymonth, bymonthday, byyearday, byweekno, byweekday, wkst, tzid: null }, true);
}

/** Counts occurrences by local day and refuses a day over MAX_OCCURRENCES_PER_DAY. */
class DailyCount {
  private readonly counts = new Map<number, number>();

  add(wall: Date): void {
    const date = Math.floor(wall.getTime() / DAY_MS) * DAY_MS;
    const count = (this.counts.get(date) ?? 0) + 1;
    this.counts.set(date, count);
    if (count <= MAX_OCCURRENCES_PER_DAY) return;
    const problem = `rrule: occurs more than ${MAX_OCCURRENCES_PER_DAY} times on ${day(date)}; a care plan may occur at most ${MAX_OCCURRENCES_PER_DAY} times a day (every half hour)`;
    throw new DomainError(DomainErrorCode.CareInvalid, problem, 'rrule', [problem]);
  }
}

function day(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

/** Raised inside rrule's walk to end it; never leaves `walk`. */
class WalkEnded extends Error {}

/**
 * Hands the rule's dates (floating wall clock), in order, to `visit` until it answers false or they reach `endWall`.
 * rrule walks period by period (an hour, a day… as FREQ says) until a date matches, and for a rule that matches
 * nothing more it walks on to the year 9999: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 held the event loop for 28 s.
 * rrule 2.8 reads `options.interval` twice a period, so counting those reads ends the walk two periods past
 * `endWall`, found or not (recurrence.spec checks it still does).
 */
function walk(rule: RRule, endWall: number, visit: (wall: Date) => boolean): void {
  const { freq, interval, dtstart } = rule.options;
  const periods = Math.max(0, Math.ceil((endWall - dtstart.getTime()) / (SHORTEST_PERIOD_MS[freq]! * interval))) + 2;
  const bounded = new RRule(rule.origOptions, true);
  let reads = 0;
  const counted = { ...bounded.options };
  Object.defineProperty(counted, 'interval', {
    get() {
      if (++reads > 2 * periods + 1) throw new WalkEnded();
      return interval;
    },
  });
  bounded.options = counted;
  try {
    bounded.all((wall) => wall.getTime() < endWall && visit(wall));
  } catch (error) {
    if (!(error instanceof WalkEnded)) throw error;
  }
}

/** What is wrong with the rule's parts, each named: `rrule: BYHOUR must be 0–23, got 25`. */
function partProblems(options: Partial<Options>, text: string): string[] {
  const problems: string[] = [];
  for (const { part, key, min, max, signed } of PART_RANGES) {
    for (const value of listOf(options[key])) {
      const n = Number(value);
      const fits = typeof value === 'number' && Number.isInteger(n) && ((n >= min && n <= max) || (signed === true && n <= -min && n >= -max));
      if (!fits) problems.push(`rrule: ${part} must be ${min}–${max}${signed ? ` (or -${min} to -${max}, counting from the end)` : ''}, got ${String(value)}`);
    }
  }
  for (const [part, value] of [['INTERVAL', options.interval], ['COUNT', options.count]] as const) {
    if (value !== undefined && value !== null && !(typeof value === 'number' && Number.isInteger(value) && value >= 1)) problems.push(`rrule: ${part} must be a whole number of at least 1, got ${String(value)}`);
  }
  // Occurrences are kept by local minute (their key): two seconds of one minute would be one occurrence.
  for (const value of listOf(options.bysecond)) if (value !== 0) problems.push(`rrule: BYSECOND must be 0 (care plans count in whole minutes), got ${String(value)}`);
  for (const weekday of listOf(options.byweekday)) {
    if (!(weekday instanceof Weekday)) problems.push('rrule: BYDAY must list MO, TU, WE, TH, FR, SA or SU, each with an optional nth (1MO, -1FR)');
    else if (weekday.n !== undefined && Math.abs(weekday.n) > 53) problems.push(`rrule: BYDAY ${weekday.toString()}: the nth must be 1–53 (or -1 to -53)`);
  }
  if (/(^|;)\s*WKST=/i.test(text) && options.wkst === undefined) problems.push('rrule: WKST must be MO, TU, WE, TH, FR, SA or SU');
  if (options.byeaster !== undefined && options.byeaster !== null) problems.push('rrule: BYEASTER is not part of iCalendar');
  if (problems.length === 0 && options.freq === RRule.HOURLY) problems.push(...unreachableHours(options));
  return problems;
}

/**
 * FREQ=HOURLY counts hours from midnight (startsOn's), so with INTERVAL=n it reaches only the multiples of gcd(n, 24);
 * a BYHOUR among none of them is never reached — and rrule then loops for ever looking for it (INTERVAL=24;BYHOUR=5
 * hung the process).
 */
function unreachableHours(options: Partial<Options>): string[] {
  const interval = typeof options.interval === 'number' ? options.interval : 1;
  const step = greatestCommonDivisor(interval, 24);
  return listOf(options.byhour)
    .filter((hour) => Number(hour) % step !== 0)
    .map((hour) => `rrule: BYHOUR ${String(hour)} is never reached counting every ${interval} hours from midnight`);
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function listOf<T>(value: T | readonly T[] | null | undefined): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

