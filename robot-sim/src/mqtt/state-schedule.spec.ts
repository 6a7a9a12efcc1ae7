import { StateSchedule } from './state-schedule';

/**
 * 200 vehicles that connect in the same tick and then stay idle, ticked every 50 ms for `seconds` of sim time; at the
 * times in `together` something changes on every vehicle at once (a fleet stop, a reconnect).
 */
function idleFleet(seconds: number, heartbeatMs = 1000, together: readonly number[] = []) {
  const vehicles = Array.from({ length: 200 }, (_, i) => ({ schedule: new StateSchedule(heartbeatMs, `Opiekun/R${i + 1}`), sent: [] as number[] }));
  const perTick = new Map<number, number>();
  for (let now = 0; now <= seconds * 1000; now += 50) {
    for (const v of vehicles) {
      if (!v.schedule.due(now, now === 0 || together.includes(now))) continue;
      v.schedule.published(now);
      v.sent.push(now);
      perTick.set(now, (perTick.get(now) ?? 0) + 1);
    }
  }
  return { vehicles, perTick };
}

describe('StateSchedule', () => {
  it('spreads an idle fleet\'s 1 Hz heartbeats over the second instead of sending them in one tick', () => {
    const { perTick } = idleFleet(20);
    // after the first tick (all connect together): before, ~200 states in one tick each second and none in the rest
    const later = [...perTick].filter(([at]) => at >= 1000).map(([, n]) => n);
    expect(Math.max(...later)).toBeLessThanOrEqual(30);
    expect(later.length).toBeGreaterThanOrEqual(15 * 19);
  });

  it('spreads them again after the whole fleet published together (a fleet stop, a reconnect)', () => {
    const { perTick } = idleFleet(20, 1000, [5000, 12_000]);
    const after = [...perTick].filter(([at]) => (at > 6000 && at < 12_000) || at > 13_000).map(([, n]) => n);
    // before: all 200 in one tick each second after such an event
    expect(Math.max(...after)).toBeLessThanOrEqual(30);
  });

  it('still sends each vehicle\'s state at least every heartbeat, and not more often than the heartbeat once in phase', () => {
    const { vehicles } = idleFleet(20);
    for (const { sent } of vehicles) {
      const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
      expect(Math.min(...gaps.slice(1))).toBe(1000);
    }
  });

  it('sends at once when something changed, whatever the heartbeat', () => {
    const schedule = new StateSchedule(5000, 'Opiekun/R1');
    expect(schedule.due(0, false)).toBe(true);
    schedule.published(0);
    expect(schedule.due(50, true)).toBe(true);
    schedule.published(50);
    expect(schedule.due(100, false)).toBe(false);
    expect(schedule.due(5050, false)).toBe(true);
  });

  it('refuses a heartbeat that is not a positive number of ms (it would never or always be due)', () => {
    for (const bad of [0, -1000, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => new StateSchedule(bad, 'Opiekun/R1')).toThrow(/positive number of ms/);
  });

  it('gives every vehicle the same phase on every run (a replay is repeatable)', () => {
    expect(idleFleet(5).vehicles.map((v) => v.sent)).toEqual(idleFleet(5).vehicles.map((v) => v.sent));
  });
});
