import { localDate, localTime, nextOccurrence, startOfLocalDay, zonedToEpoch } from './zoned-time';

const tz = 'Europe/Warsaw';

describe('facility time zone arithmetic', () => {
  it('finds local midnight on ordinary and DST days', () => {
    expect(new Date(startOfLocalDay(Date.parse('2026-11-23T15:00:00Z'), tz)).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(new Date(startOfLocalDay(Date.parse('2026-07-01T15:00:00Z'), tz)).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // 2026-03-29: clocks go forward at 02:00 local; midnight is still +01:00.
    expect(new Date(startOfLocalDay(Date.parse('2026-03-29T12:00:00Z'), tz)).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('formats the local date and time regardless of the browser zone', () => {
    const instant = Date.parse('2026-11-23T23:30:00Z');
    expect(localDate(instant, tz)).toBe('2026-11-24');
    expect(localTime(instant, tz)).toBe('00:30');
    expect(zonedToEpoch({ year: 2026, month: 11, day: 24, hour: 0, minute: 30 }, tz)).toBe(instant);
  });

  it('reads a due time as the next time the clock shows it', () => {
    const now = Date.parse('2026-11-23T09:00:00Z'); // 10:00 in Kraków
    expect(new Date(nextOccurrence('11:15', now, tz)!).toISOString()).toBe('2026-11-23T10:15:00.000Z');
    expect(new Date(nextOccurrence('09:30', now, tz)!).toISOString()).toBe('2026-11-24T08:30:00.000Z');
    expect(nextOccurrence('25:00', now, tz)).toBeUndefined();
    expect(nextOccurrence('soon', now, tz)).toBeUndefined();
  });
});
