import { SimClock } from './sim-clock';

describe('SimClock', () => {
  it('runs due timers in time order, each at its own instant', () => {
    const clock = new SimClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.setTimer(300, () => seen.push(['b', clock.now()]));
    clock.setTimer(100, () => seen.push(['a', clock.now()]));
    clock.setTimer(300, () => seen.push(['c', clock.now()]));
    clock.advance(250);
    expect(seen).toEqual([['a', 1_100]]);
    clock.advance(50);
    expect(seen).toEqual([['a', 1_100], ['b', 1_300], ['c', 1_300]]);
    expect(clock.now()).toBe(1_300);
  });

  it('tells when the next live timer is due, skipping cancelled ones', () => {
    const clock = new SimClock(1_000);
    expect(clock.nextTimerAt()).toBeUndefined();
    const early = clock.setTimer(100, () => undefined);
    clock.setTimer(400, () => undefined);
    expect(clock.nextTimerAt()).toBe(1_100);
    early.cancel();
    expect(clock.nextTimerAt()).toBe(1_400);
    clock.advance(400);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('runs timers set by timers within the same advance and skips cancelled ones', () => {
    const clock = new SimClock();
    const seen: number[] = [];
    const cancelled = clock.setTimer(50, () => seen.push(-1));
    clock.setTimer(10, () => clock.setTimer(10, () => seen.push(clock.now())));
    cancelled.cancel();
    clock.advance(100);
    expect(seen).toEqual([20]);
  });

  it('tells tick listeners after the timers of an advance', () => {
    const clock = new SimClock();
    const order: string[] = [];
    clock.setTimer(5, () => order.push('timer'));
    const off = clock.onTick((now) => order.push(`tick@${now}`));
    clock.advance(10);
    off();
    clock.advance(10);
    expect(order).toEqual(['timer', 'tick@10']);
  });

  it('follows wall time times the scale when started', async () => {
    const clock = new SimClock(0);
    const reached = new Promise<number>((resolve) => {
      const off = clock.onTick((now) => {
        if (now >= 1_000) {
          off();
          resolve(now);
        }
      });
    });
    clock.start({ timeScale: 100, tickMs: 5 });
    try {
      await expect(reached).resolves.toBeGreaterThanOrEqual(1_000);
    } finally {
      clock.stop();
    }
  });

  it('rejects a negative step', () => {
    expect(() => new SimClock().advance(-1)).toThrow(/ms >= 0/);
  });
});
