import { isWithinQuietHours, parseQuietHours } from './quiet-hours';

describe('quiet hours', () => {
  it.each([
    ['22:00-06:00', { startMin: 1320, endMin: 360 }],
    ['13:30-14:15', { startMin: 810, endMin: 855 }],
    ['22:00-6:00', undefined],
    ['24:00-06:00', undefined],
    ['10:00-10:00', undefined],
    ['10:00–11:00', undefined],
  ])('parses %s', (text, expected) => {
    expect(parseQuietHours(text)).toEqual(expected);
  });

  // 2026-11-23 is winter time in Warsaw: UTC+1
  it.each([
    ['2026-11-23T21:30:00Z', true],
    ['2026-11-23T04:59:00Z', true],
    ['2026-11-23T05:00:00Z', false],
    ['2026-11-23T20:59:00Z', false],
  ])('22:00-06:00 in Europe/Warsaw at %s: %s', (iso, quiet) => {
    expect(isWithinQuietHours(parseQuietHours('22:00-06:00')!, Date.parse(iso), 'Europe/Warsaw')).toBe(quiet);
  });
});
