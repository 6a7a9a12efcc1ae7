import { ValidateBy } from 'class-validator';
import { ISO_WITH_OFFSET } from '@opiekun/domain';

export const DATE_TIME_FORMAT = 'YYYY-MM-DDThh:mm[:ss[.fff]] and Z or ±hh:mm, e.g. 2026-03-01T10:00:00+01:00';

/** Longer than any date-time of the format with nanoseconds (`2026-03-01T10:00:00.123456789+01:00`, 35). */
const MAX_LENGTH = 40;

/**
 * The instant a date-time with an explicit offset names, or undefined for anything else. class-validator's IsISO8601
 * lets through forms Date.parse cannot read (`2026-W10-1`, `20260301`, `2026-03-01T10`: NaN, so a query matched
 * nothing) or reads in the server's own zone (`2026-03-01T10:00`); Date.parse itself rolls `02-30` over to March and
 * takes `24:00`. Only a real calendar date and time of day, with its offset, pass.
 */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !ISO_WITH_OFFSET.test(value)) return undefined;
  const [year, month, day, hour] = [value.slice(0, 4), value.slice(5, 7), value.slice(8, 10), value.slice(11, 13)].map(Number) as [number, number, number, number];
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day); // (Date.UTC would read years 0–99 as 1900–1999)
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || hour > 23) return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : undefined;
}

/** Epoch ms of a member IsDateTimeWithOffset validated (undefined when it was left out). */
export function epochMsOf(value: string | undefined): number | undefined {
  return value === undefined ? undefined : instantOf(value);
}

/** The member is a date-time with an explicit offset (see instantOf); anything else is refused naming the format. */
export const IsDateTimeWithOffset = (): PropertyDecorator =>
  ValidateBy({
    name: 'isDateTimeWithOffset',
    validator: {
      validate: (value: unknown) => instantOf(value) !== undefined,
      defaultMessage: () => `$property must be a date-time with its offset (${DATE_TIME_FORMAT})`,
    },
  });
