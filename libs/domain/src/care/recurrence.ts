import { RRule, type Options } from 'rrule';
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
  const wallFrom = new Date(toWallClock(from, timeZone) - DAY_MS);
  const wallTo = new Date(toWallClock(to, timeZone) + DAY_MS);
  const seen = new Set<number>();
  const out: Occurrence[] = [];
  for (const wall of rule.between(wallFrom, wallTo, true)) {
    const at = fromWallClock(wall.getTime(), timeZone);
    if (at < from || at >= to || seen.has(at)) continue;
    seen.add(at);
    out.push({ key: wallClockKey(wall.getTime()), at });
  }
  return out;
}

