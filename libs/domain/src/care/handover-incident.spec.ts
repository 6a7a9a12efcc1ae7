import { signHandover, handoverStatus, type HandoverReport } from './handover';
import { followUpChecks, followUpTaskId, validateIncident, type Incident } from './incident';
import { parseShiftChanges, shiftAt, shiftsBetween } from './shift';

const TZ = 'Europe/Warsaw';
const iso = (ms: number) => new Date(ms).toISOString();

describe('shifts (facility wall clock 07/15/23)', () => {
  it('finds the shift holding an instant, across midnight', () => {
    const night = shiftAt(Date.parse('2026-11-24T02:00:00+01:00'), TZ);
    expect([iso(night.start), iso(night.end)]).toEqual(['2026-11-23T22:00:00.000Z', '2026-11-24T06:00:00.000Z']);
    const early = shiftAt(Date.parse('2026-11-24T07:00:00+01:00'), TZ);
    expect([iso(early.start), iso(early.end)]).toEqual(['2026-11-24T06:00:00.000Z', '2026-11-24T14:00:00.000Z']);
  });

  it('makes the night of the autumn DST change nine hours long', () => {
    const night = shiftAt(Date.parse('2026-10-25T01:00:00+02:00'), TZ);
    expect((night.end - night.start) / 3_600_000).toBe(9);
    expect(shiftsBetween(night.start, night.end + 1, TZ)).toHaveLength(2);
  });
});

describe('shift changes from the care file', () => {
  it('reads local times into start hours, and places shifts by them', () => {
    const hours = parseShiftChanges(['06:30', '14:30', '22:00']);
    expect(hours).toEqual([6.5, 14.5, 22]);
    const late = shiftAt(Date.parse('2026-11-24T15:00:00+01:00'), TZ, hours);
    expect([iso(late.start), iso(late.end)]).toEqual(['2026-11-24T13:30:00.000Z', '2026-11-24T21:00:00.000Z']);
    const twelveHour = shiftAt(Date.parse('2026-11-24T02:00:00+01:00'), TZ, parseShiftChanges(['07:00', '19:00']));
    expect((twelveHour.end - twelveHour.start) / 3_600_000).toBe(12);
  });

  it('refuses anything but 2 to 6 distinct ascending "HH:mm" times, naming the entry', () => {
    expect(() => parseShiftChanges(['07:00'])).toThrow(/shiftChanges: must be a list of 2 to 6/);
    expect(() => parseShiftChanges('07:00')).toThrow(/must be a list/);
    expect(() => parseShiftChanges(['07:00', '7:30'])).toThrow(/entry 1 \("7:30"\) is not a local time/);
    expect(() => parseShiftChanges(['07:00', '24:00'])).toThrow(/entry 1/);
    expect(() => parseShiftChanges(['15:00', '07:00'])).toThrow(/ascending/);
    expect(() => parseShiftChanges(['07:00', '07:00'])).toThrow(/distinct/);
  });
});

describe('incident follow-up', () => {
  const incident: Incident = {
    id: 'i1',
    residentId: 'r1',
    wardId: 'w1',
    kind: 'fall',
    occurredAt: Date.parse('2026-11-23T10:30:00+01:00'),
    description: 'found on the floor by the bed',
    reportedBy: 'ewa',
    createdAt: Date.parse('2026-11-23T10:45:00+01:00'),
  };

  it('plans a check in every shift for 72 hours, the first one from now', () => {
    const checks = followUpChecks(incident, TZ);
    expect(checks).toHaveLength(10); // Monday early … Thursday early: 3 a day for 3 days, and the shift where the 72 h end
    expect(iso(checks[0]!.earliestStart)).toBe(iso(incident.createdAt));
    expect(iso(checks[0]!.deadline)).toBe('2026-11-23T14:00:00.000Z');
    expect(iso(checks[9]!.shift.start)).toBe('2026-11-26T06:00:00.000Z'); // holds 10:30 three days on
    expect(checks.every((c, i) => i === 0 || c.earliestStart === checks[i - 1]!.deadline)).toBe(true);
  });

  it('follows the facility\'s own shifts, with fixed task ids', () => {
    expect(followUpChecks(incident, TZ, [7, 19])).toHaveLength(7); // 12-hour shifts: 2 a day for 3 days, and the last
    expect(followUpTaskId('i1', 3)).toBe('i1~check-3');
  });

  it('refuses an unknown kind, an empty description or a time in the future', () => {
    expect(() => validateIncident({ ...incident, kind: 'bruise' as never })).toThrow(/kind/);
    expect(() => validateIncident({ ...incident, description: ' ' })).toThrow(/description/);
    expect(() => validateIncident({ ...incident, occurredAt: incident.createdAt + 1 })).toThrow(/future/);
  });
});

describe('handover signing', () => {
  const report: HandoverReport = { id: 'h1', wardId: 'w1', shiftStart: 0, shiftEnd: 1, generatedAt: 0, content: { openTasks: [], escalations: [], alerts: [], residentsWithIncidents: [] } };
  const ewa = { staffId: 'ewa', displayName: 'Ewa', at: 10 };
  const jan = { staffId: 'jan', displayName: 'Jan', at: 20 };

  it('is signed by the outgoing nurse, then by another, incoming one, and then kept as it is', () => {
    const out = signHandover(report, 'outgoing', ewa, ' bed 3 restless ');
    expect(handoverStatus(out)).toBe('signed-out');
    expect(out.note).toBe('bed 3 restless');
    const done = signHandover(out, 'incoming', jan);
    expect(handoverStatus(done)).toBe('complete');
    expect(() => signHandover(done, 'incoming', jan)).toThrow(/kept as it is/);
  });

  it('refuses the wrong order and one person signing for both shifts', () => {
    expect(() => signHandover(report, 'incoming', jan)).toThrow(/outgoing nurse signs first/);
    const out = signHandover(report, 'outgoing', ewa);
    expect(() => signHandover(out, 'outgoing', ewa)).toThrow(/signed already/);
    expect(() => signHandover(out, 'incoming', { ...ewa, at: 30 })).toThrow(/someone other/);
  });
});
