import { DomainErrorCode } from '../shared/domain-error';
import { firstOccurrence, MAX_OCCURRENCES_PER_DAY, occurrencesBetween, parseSchedule } from './recurrence';
import { fromWallClock, toWallClock } from './zoned-time';

const WARSAW = 'Europe/Warsaw';
const at = (iso: string) => Date.parse(iso);
const local = (ms: number) => new Date(toWallClock(ms, WARSAW)).toISOString().slice(0, 16);

describe('care plan recurrence in the facility time zone', () => {
  it('medication rounds at 08:00, 13:00 and 18:00 local time', () => {
    const found = occurrencesBetween({ rrule: 'FREQ=DAILY;BYHOUR=8,13,18', startsOn: '2026-01-10' }, at('2026-01-12T00:00:00+01:00'), at('2026-01-13T00:00:00+01:00'), WARSAW);
    expect(found.map((o) => o.key)).toEqual(['2026-01-12T08:00', '2026-01-12T13:00', '2026-01-12T18:00']);
    expect(found.map((o) => new Date(o.at).toISOString())).toEqual(['2026-01-12T07:00:00.000Z', '2026-01-12T12:00:00.000Z', '2026-01-12T17:00:00.000Z']);
  });

  it('keeps 08:00 local across the spring change (UTC time moves by an hour) on a 23-hour day', () => {
    const rule = { rrule: 'FREQ=DAILY;BYHOUR=8', startsOn: '2026-03-27' };
    const found = occurrencesBetween(rule, at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'), WARSAW);
    expect(found.map((o) => new Date(o.at).toISOString())).toEqual([
      '2026-03-28T07:00:00.000Z', // CET, +01:00
      '2026-03-29T06:00:00.000Z', // the change day, CEST, +02:00
      '2026-03-30T06:00:00.000Z',
    ]);
    expect(found.map((o) => local(o.at))).toEqual(['2026-03-28T08:00', '2026-03-29T08:00', '2026-03-30T08:00']);
  });

  it('a round every 2 h from 08:00 to 20:00 counts local hours on the autumn change day (25 hours long)', () => {
    const rule = { rrule: 'FREQ=DAILY;BYHOUR=8,10,12,14,16,18,20', startsOn: '2026-10-01' };
    const found = occurrencesBetween(rule, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), WARSAW);
    expect(found.map((o) => o.key.slice(11))).toEqual(['08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00']);
    expect(new Date(found[0]!.at).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('reads a time in the spring gap as after the gap, and a doubled autumn time as its first instant', () => {
    expect(new Date(fromWallClock(Date.UTC(2026, 2, 29, 2, 30), WARSAW)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(new Date(fromWallClock(Date.UTC(2026, 9, 25, 2, 30), WARSAW)).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
  });

  it('hourly rules give one occurrence per instant across the gap', () => {
    const found = occurrencesBetween({ rrule: 'FREQ=HOURLY;BYHOUR=1,2,3', startsOn: '2026-03-29' }, at('2026-03-29T00:00:00+01:00'), at('2026-03-29T12:00:00+02:00'), WARSAW);
    expect(found.map((o) => o.key)).toEqual(['2026-03-29T01:00', '2026-03-29T02:00']);
    expect(found.map((o) => new Date(o.at).toISOString())).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
  });

  it('linen change on Mondays only, between the start and end dates', () => {
    const rule = { rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10', startsOn: '2026-01-06', endsOn: '2026-01-26' };
    const found = occurrencesBetween(rule, at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), WARSAW);
    expect(found.map((o) => o.key)).toEqual(['2026-01-12T10:00', '2026-01-19T10:00', '2026-01-26T10:00']);
  });

  it('is half-open: [from, to)', () => {
    const rule = { rrule: 'FREQ=DAILY;BYHOUR=8', startsOn: '2026-01-01' };
    const eight = at('2026-01-05T08:00:00+01:00');
    expect(occurrencesBetween(rule, eight, eight + 1, WARSAW)).toHaveLength(1);
    expect(occurrencesBetween(rule, eight - 1, eight, WARSAW)).toHaveLength(0);
  });

  it('refuses what is not a care schedule, naming every problem', () => {
    const bad = (rrule: string, startsOn = '2026-01-01', endsOn?: string) => () => parseSchedule({ rrule, startsOn, endsOn });
    expect(bad('FREQ=MINUTELY')).toThrow(expect.objectContaining({ code: DomainErrorCode.CareInvalid }));
    expect(bad('FREQ=DAILY', '2026-02-30')).toThrow(/startsOn/);
    expect(bad('FREQ=DAILY', '2026-02-01', '2026-01-01')).toThrow(/endsOn: before startsOn/);
    expect(bad('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')).toThrow(/RRULE value only/);
    expect(bad('FREQ=SOMETIMES')).toThrow(/rrule/);
  });

  it('refuses rule parts out of their range by name (rrule parses them unchecked: BYHOUR=25 wrapped round)', () => {
    const problems = (rrule: string) => {
      try {
        parseSchedule({ rrule, startsOn: '2026-12-01' });
        return [];
      } catch (error) {
        return (error as { details: string[] }).details;
      }
    };
    expect(problems('FREQ=DAILY;BYHOUR=25')).toEqual(['rrule: BYHOUR must be 0–23, got 25']);
    expect(problems('FREQ=DAILY;BYHOUR=8;BYMINUTE=99')).toEqual(['rrule: BYMINUTE must be 0–59, got 99']);
    expect(problems('FREQ=DAILY;BYHOUR=8.5')).toEqual(['rrule: BYHOUR must be 0–23, got 8.5']);
    expect(problems('FREQ=DAILY;INTERVAL=0')).toEqual(['rrule: INTERVAL must be a whole number of at least 1, got 0']);
    expect(problems('FREQ=DAILY;COUNT=0')).toEqual(['rrule: COUNT must be a whole number of at least 1, got 0']);
    expect(problems('FREQ=MONTHLY;BYMONTHDAY=0')).toEqual(['rrule: BYMONTHDAY must be 1–31 (or -1 to -31, counting from the end), got 0']);
    expect(problems('FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=13')).toEqual(['rrule: BYMONTH must be 1–12, got 13']);
    expect(problems('FREQ=DAILY;BYSECOND=30')).toEqual(['rrule: BYSECOND must be 0 (care plans count in whole minutes), got 30']);
    expect(problems('FREQ=DAILY;BYDAY=XX')).toEqual([expect.stringMatching(/^rrule: BYDAY must list MO, TU/)]);
    expect(problems('FREQ=DAILY;WKST=XX')).toEqual(['rrule: WKST must be MO, TU, WE, TH, FR, SA or SU']);
    expect(problems('FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=10;WKST=MO')).toEqual([]);
  });

  it('refuses an hourly rule whose BYHOUR its INTERVAL never reaches (rrule loops for ever looking for it)', () => {
    expect(() => parseSchedule({ rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=5', startsOn: '2026-12-01' })).toThrow('rrule: BYHOUR 5 is never reached counting every 24 hours from midnight');
    expect(() => parseSchedule({ rrule: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=8,9', startsOn: '2026-12-01' })).toThrow(/BYHOUR 9 is never reached counting every 2 hours/);
    expect(occurrencesBetween({ rrule: 'FREQ=HOURLY;INTERVAL=2;BYHOUR=8,10,12', startsOn: '2026-12-01' }, at('2026-12-02T00:00:00+01:00'), at('2026-12-03T00:00:00+01:00'), WARSAW).map((o) => o.key.slice(11))).toEqual([
      '08:00',
      '10:00',
      '12:00',
    ]);
  });

  it('refuses a rule that does not occur within a year of startsOn or of today, quickly (rrule walked to the year 9999)', () => {
    const never = (rrule: string, startsOn = '2026-12-01', now?: number) => () => firstOccurrence({ rrule, startsOn }, now, WARSAW);
    const started = performance.now();
    expect(never('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toThrow('rrule: no occurrence from 2026-12-01 to 2027-12-01: the plan would never raise a task');
    expect(never('FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31')).toThrow(/no occurrence/); // 28 s inside rrule before
    expect(never('FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30')).toThrow(/no occurrence/);
    expect(never('FREQ=DAILY;INTERVAL=7;BYDAY=WE')).toThrow(/no occurrence/); // every 7th day from Tuesday 1 December is a Tuesday
    expect(performance.now() - started).toBeLessThan(5_000); // 28 s and more before; generous for a loaded machine
    expect(never('FREQ=DAILY;UNTIL=20260101T000000Z')).toThrow(/no occurrence/);
    expect(never('FREQ=DAILY;BYHOUR=8;COUNT=3', '2026-01-01', at('2026-12-05T12:00:00+01:00'))).toThrow('rrule: no occurrence from 2026-12-05 to 2027-12-05');
    expect(firstOccurrence({ rrule: 'FREQ=DAILY;BYHOUR=8', startsOn: '2026-01-01' }, at('2026-12-05T12:00:00+01:00'), WARSAW)).toEqual({ key: '2026-12-05T08:00', at: at('2026-12-05T08:00:00+01:00') });
    expect(firstOccurrence({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9', startsOn: '2027-03-01' }, undefined, WARSAW).key).toBe('2028-02-29T09:00');
  });

  it(`refuses a rule that occurs more than ${MAX_OCCURRENCES_PER_DAY} times a day, and a plan kept so stops at the cap`, () => {
    const everyMinute = `FREQ=HOURLY;BYMINUTE=${Array.from({ length: 60 }, (_, i) => i).join(',')}`;
    expect(() => firstOccurrence({ rrule: everyMinute, startsOn: '2026-12-01' }, undefined, WARSAW)).toThrow(
      'rrule: occurs more than 48 times on 2026-12-01; a care plan may occur at most 48 times a day (every half hour)',
    );
    const sundays = `FREQ=WEEKLY;BYDAY=SU;BYHOUR=${Array.from({ length: 24 }, (_, i) => i).join(',')};BYMINUTE=0,20,40`;
    expect(() => firstOccurrence({ rrule: sundays, startsOn: '2026-12-01' }, undefined, WARSAW)).toThrow(/more than 48 times on 2026-12-06/);
    const halfHourly = firstOccurrence({ rrule: 'FREQ=HOURLY;BYMINUTE=0,30', startsOn: '2026-12-01' }, undefined, WARSAW);
    expect(halfHourly.key).toBe('2026-12-01T00:00');
    expect(() => occurrencesBetween({ rrule: everyMinute, startsOn: '2026-12-01' }, at('2026-12-01T00:00:00+01:00'), at('2026-12-02T00:00:00+01:00'), WARSAW)).toThrow(/more than 48 times/);
  });
});
