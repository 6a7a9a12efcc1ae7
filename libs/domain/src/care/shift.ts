import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { fromWallClock, toWallClock } from './zoned-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Shift changes, local wall-clock hours of the facility: early 07:00, late 15:00, night 23:00. */
export const SHIFT_START_HOURS: readonly number[] = [7, 15, 23];

export interface Shift {
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
}

/** The shift holding `at`, in the facility's time zone (a DST night is an hour shorter or longer). */
export function shiftAt(at: number, timeZone: string, startHours: readonly number[] = SHIFT_START_HOURS): Shift {
  const wall = toWallClock(at, timeZone);
  const day = Math.floor(wall / DAY_MS) * DAY_MS;
  const boundaries = [-1, 0, 1].flatMap((d) => startHours.map((h) => day + d * DAY_MS + h * HOUR_MS)).sort((a, b) => a - b);
  const i = boundaries.findIndex((b, k) => b <= wall && wall < boundaries[k + 1]!);
  return { start: fromWallClock(boundaries[i]!, timeZone), end: fromWallClock(boundaries[i + 1]!, timeZone) };
}

/** Every shift that overlaps [from, to), in order. */
export function shiftsBetween(from: number, to: number, timeZone: string, startHours: readonly number[] = SHIFT_START_HOURS): Shift[] {
  const shifts: Shift[] = [];
  for (let shift = shiftAt(from, timeZone, startHours); shift.start < to; shift = shiftAt(shift.end, timeZone, startHours)) shifts.push(shift);
  return shifts;
}

/**
 * Shift changes as the care file writes them (`["07:00", "15:00", "23:00"]`, local wall clock) → start hours of the
 * day, ascending. Two to six distinct times; anything else → DomainError(CareInvalid) naming the entry.
 */
export function parseShiftChanges(changes: unknown, field = 'shiftChanges'): number[] {
  const refuse = (message: string) => new DomainError(DomainErrorCode.CareInvalid, `${field}: ${message}`, field);
  if (!Array.isArray(changes) || changes.length < 2 || changes.length > 6) throw refuse('must be a list of 2 to 6 local times "HH:mm"');
  const hours = changes.map((c, i) => {
    const match = typeof c === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(c) : null;
    if (!match) throw refuse(`entry ${i} (${JSON.stringify(c)}) is not a local time "HH:mm"`);
    return Number(match[1]) + Number(match[2]) / 60;
  });
  for (let i = 1; i < hours.length; i++) if (hours[i]! <= hours[i - 1]!) throw refuse('times must be distinct and in ascending order');
  return hours;
}
