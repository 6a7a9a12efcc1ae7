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
