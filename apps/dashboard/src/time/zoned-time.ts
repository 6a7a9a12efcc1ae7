/** Wall-clock arithmetic in the facility's time zone (the browser may sit in another one). */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a wall-clock time happens in the zone (the later one is not chosen specially on DST days). */
export function zonedToEpoch(w: Omit<WallClock, 'second'> & { second?: number }, timeZone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` in the zone. */
export function localDate(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** `HH:MM` in the zone. */
export function localTime(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

export function startOfLocalDay(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  return zonedToEpoch({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, timeZone);
}

/**
 * The next instant the zone's clock shows `HH:MM` at or after `now` minus a minute (so "now" typed in counts as
 * today), for due times picked as a time of day.
 */
export function nextOccurrence(time: string, now: number, timeZone: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return undefined;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  if (hour > 23 || minute > 59) return undefined;
  const today = wallClock(now, timeZone);
  const candidate = zonedToEpoch({ year: today.year, month: today.month, day: today.day, hour, minute }, timeZone);
  if (candidate >= now - 60_000) return candidate;
  const tomorrow = wallClock(candidate + 24 * 3600_000, timeZone);
  return zonedToEpoch({ year: tomorrow.year, month: tomorrow.month, day: tomorrow.day, hour, minute }, timeZone);
}
