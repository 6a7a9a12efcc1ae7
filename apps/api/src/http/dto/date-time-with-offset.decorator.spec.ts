import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsDateTimeWithOffset, instantOf } from './date-time-with-offset.decorator';

class WithTime {
  @IsDateTimeWithOffset() at!: string;
}

const problems = (at: unknown) => validateSync(plainToInstance(WithTime, { at })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('a date-time with an explicit offset', () => {
  it.each([
    ['2026-03-01T10:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:30+01:00', Date.UTC(2026, 2, 1, 9, 0, 30)],
    ['2026-03-01T10:00:30.250-02:30', Date.UTC(2026, 2, 1, 12, 30, 30, 250)],
    ['2028-02-29T23:59:59Z', Date.UTC(2028, 1, 29, 23, 59, 59)],
  ])('reads %s', (text, at) => {
    expect(instantOf(text)).toBe(at);
    expect(problems(text)).toEqual([]);
  });

  it.each([
    // ISO 8601 forms IsISO8601({ strict: true }) let through and Date.parse cannot read (NaN)
    '2026-W10-1',
    '20260301',
    '2026-060',
    '2026-03-01T10',
    // no offset: read in the server's zone
    '2026-03-01T10:00',
    '2026-03-01',
    // Date.parse rolls these over instead of refusing them
    '2026-02-30T10:00Z',
    '2027-02-29T10:00Z',
    '2026-03-01T24:00Z',
    // out of range or not the format
    '2026-13-01T10:00Z',
    '2026-03-01T10:60Z',
    '2026-03-01T10:00+24:00',
    '2026-03-01 10:00Z',
    `2026-03-01T10:00:00.${'1'.repeat(40)}Z`,
    '',
    1_772_359_200_000,
    null,
  ])('refuses %p, naming the member and the format', (value) => {
    expect(instantOf(value)).toBeUndefined();
    expect(problems(value)).toEqual(['at must be a date-time with its offset (YYYY-MM-DDThh:mm[:ss[.fff]] and Z or ±hh:mm, e.g. 2026-03-01T10:00:00+01:00)']);
  });
});
