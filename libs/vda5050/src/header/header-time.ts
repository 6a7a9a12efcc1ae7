import type { FormatDefinition } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * What a header `timestamp` may be: an RFC 3339 date-time whose zone designator may be left out (ajv-formats'
 * `iso-date-time`). The spec says the time is UTC, and vehicles that print e.g. Python's `datetime.utcnow()` leave the
 * `Z` off; refusing them would drop every message of a working vehicle. The schemas' `date-time` format is this one
 * (schema.registry.ts), so what validation accepts is exactly what {@link headerTimeMs} reads.
 */
export const HEADER_TIME_FORMAT = addFormats.get('iso-date-time') as FormatDefinition<string>;

// The parts of a date-time that HEADER_TIME_FORMAT has accepted. The format checks the date's ranges; its leap-second
// branch lets hours and minutes past 23 and 59 through, which headerTimeMs refuses.
const PARTS = /^(\d{4})-(\d\d)-(\d\d)[t\s](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:z|([+-])(\d\d)(?::?(\d\d))?)?$/i;

function isHeaderTime(value: string): boolean {
  const { validate } = HEADER_TIME_FORMAT;
  return typeof validate === 'function' ? validate(value) : new RegExp(validate).test(value);
}

/** Milliseconds of a fraction of a second, cut (not rounded) to three digits as Date.parse does. */
function millisOf(fraction: string | undefined): number {
  return Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
}

/** The zone offset in ms to subtract to get UTC; none (no designator, or `Z`) is UTC. */
function offsetMs(sign: string | undefined, hours: string | undefined, minutes: string | undefined): number {
  if (!sign) return 0;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0)) * 60_000;
}

/**
 * A header `timestamp` as epoch ms, NaN when it is not a date-time. One without a zone designator is read as UTC
 * (VDA 5050 header: "Timestamp (ISO8601, UTC)"); `Date.parse` would read it as the api host's local time. Parsed here
 * rather than by `Date.parse`, which also quietly rolls impossible dates over (30 February becomes 2 March).
 */
export function headerTimeMs(timestamp: string): number {
  const parts = PARTS.exec(timestamp);
  if (!parts || !isHeaderTime(timestamp)) return NaN;
  const [, year, month, day, hour, minute, second, fraction, sign, zoneHours, zoneMinutes] = parts;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(zoneHours ?? 0) > 23 || Number(zoneMinutes ?? 0) > 59) return NaN;
  const local = new Date(Date.UTC(2000, 0, 1, Number(hour), Number(minute), Number(second), millisOf(fraction)));
  // (setUTCFullYear, not Date.UTC's year: that reads years 0–99 as 1900–1999, and .NET's zone-less MinValue is 0001)
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return local.getTime() - offsetMs(sign, zoneHours, zoneMinutes);
}
