import { DomainErrorCode } from '../shared/domain-error';
import { occurrencesBetween, parseSchedule } from './recurrence';
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
});
