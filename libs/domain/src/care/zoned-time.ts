const HOUR_MS = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
export function zoneOffsetAt(epochMs: number, timeZone: string): number {
  const parts = formatFor(timeZone).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Local wall-clock time of an instant as "floating" epoch ms: a number whose UTC fields read the local date and
 * time (what recurrence rules are evaluated in).
 */
export function toWallClock(epochMs: number, timeZone: string): number {
  return epochMs + zoneOffsetAt(epochMs, timeZone);
}

/**
 * The instant a local wall-clock time (floating epoch ms) happens in the zone, as RFC 5545 §3.3.5 reads local times:
 * a time that occurs twice (autumn, clocks go back) is the first of the two; a time that does not exist (spring,
 * clocks go forward) is read with the offset before the gap, so 02:30 becomes 03:30 summer time.
 */
export function fromWallClock(wallMs: number, timeZone: string): number {
  const before = zoneOffsetAt(wallMs - 12 * HOUR_MS, timeZone);
  const after = zoneOffsetAt(wallMs + 12 * HOUR_MS, timeZone);
  const valid = [wallMs - before, wallMs - after].filter((instant) => toWallClock(instant, timeZone) === wallMs);
  return valid.length > 0 ? Math.min(...valid) : wallMs - before;
}

/** `YYYY-MM-DDTHH:mm` of a floating wall-clock time. */
export function wallClockKey(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 16);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Floating midnight of a calendar date `YYYY-MM-DD`, or undefined when it is no date. */
export function wallClockDate(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : undefined;
}
