import { isCalendarDate, localDate, zonedDayRange } from './zoned-day';

describe('zoned days', () => {
  it.each([
    ['2026-11-23', '2026-11-22T23:00:00.000Z', '2026-11-23T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z'],
    // DST starts (23 h) and ends (25 h)
    ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
  ])('%s in Warsaw runs from %s to %s', (date, start, end) => {
    const range = zonedDayRange(date, 'Europe/Warsaw');
    expect([new Date(range.start).toISOString(), new Date(range.end).toISOString()]).toEqual([start, end]);
  });

  it('names the local date of an instant and checks calendar dates', () => {
    expect(localDate(Date.parse('2026-11-23T23:30:00Z'), 'Europe/Warsaw')).toBe('2026-11-24');
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('23.11.2026')).toBe(false);
  });
});
