import { headerTimeMs } from './header-time';

// Run under any TZ (e.g. TZ=Asia/Tokyo): the answers must not move with the host's zone.
describe('headerTimeMs', () => {
  const utc = Date.UTC(2026, 11, 8, 10, 15, 30, 123);

  it('reads a timestamp without a zone designator as UTC, as the spec says header times are', () => {
    expect(headerTimeMs('2026-12-08T10:15:30.123')).toBe(utc);
    // Python's datetime.utcnow().isoformat(): microseconds, cut to milliseconds as Date.parse does
    expect(headerTimeMs('2026-12-08T10:15:30.123456')).toBe(utc);
    expect(headerTimeMs('2026-12-08T10:15:30')).toBe(Date.UTC(2026, 11, 8, 10, 15, 30));
  });

  it('reads a timestamp with a zone designator as given', () => {
    expect(headerTimeMs('2026-12-08T10:15:30.123Z')).toBe(utc);
    expect(headerTimeMs('2026-12-08T10:15:30.123z')).toBe(utc);
    expect(headerTimeMs('2026-12-08T11:15:30.123+01:00')).toBe(utc);
    expect(headerTimeMs('2026-12-08T11:15:30.123+0100')).toBe(utc);
    expect(headerTimeMs('2026-12-08T11:15:30.123+01')).toBe(utc);
    expect(headerTimeMs('2026-12-08T05:45:30.123-04:30')).toBe(utc);
    expect(headerTimeMs('2026-12-08 10:15:30.123Z')).toBe(utc);
  });

  it('reads years before 100 as written (.NET writes DateTime.MinValue as 0001-01-01T00:00:00)', () => {
    const year1 = new Date(0);
    year1.setUTCFullYear(1, 0, 1);
    expect(headerTimeMs('0001-01-01T00:00:00')).toBe(year1.getTime());
  });

  it('agrees with Date.parse on what both read the same', () => {
    const stamped = new Date(utc).toISOString();
    expect(headerTimeMs(stamped)).toBe(Date.parse(stamped));
  });

  it.each([['yesterday'], [''], ['2026-13-45T99:00:00'], ['2026-02-30T10:00:00Z'], ['2026-12-08'], ['2026-12-08T10:15Z'], ['2026-12-08T10:15:30+25:00'], ['2026-12-08T24:59:30+01:00'], ['2026-12-08T23:75:30+00:16']])(
    'gives NaN for %j',
    (timestamp) => {
      expect(headerTimeMs(timestamp)).toBeNaN();
    },
  );
});
