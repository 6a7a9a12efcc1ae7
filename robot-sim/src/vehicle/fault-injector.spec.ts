import { seededRandom } from '../random/seeded-random';
import { FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  const config = { rejectOrderProbability: 0.3, failActionProbability: 0.5, connectionDropsPerHour: 2 };

  function draws(seed: number): unknown[] {
    const faults = new FaultInjector(seededRandom(seed), config);
    return Array.from({ length: 20 }, () => [faults.shouldRejectOrder(), faults.shouldFailAction(), faults.nextConnectionDropInMs()]);
  }

  it('replays the same faults from the same seed, and others from another seed', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('injects nothing without configuration, except the explicit one-shot faults', () => {
    const faults = new FaultInjector(seededRandom(1));
    expect([faults.shouldRejectOrder(), faults.shouldFailAction(), faults.nextConnectionDropInMs()]).toEqual([false, false, undefined]);
    faults.rejectNextOrder();
    faults.failNextAction();
    expect([faults.shouldRejectOrder(), faults.shouldRejectOrder(), faults.shouldFailAction(), faults.shouldFailAction()]).toEqual([true, false, true, false]);
  });

  it('draws drop spans evenly between the two bounds when a maximum is set, the fixed span otherwise', () => {
    const spread = new FaultInjector(seededRandom(3), { connectionDropMs: 10_000, connectionDropMaxMs: 70_000 });
    const spans = Array.from({ length: 1_000 }, () => spread.drawConnectionDropMs());
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...spans)).toBeLessThanOrEqual(70_000);
    const mean = spans.reduce((sum, span) => sum + span, 0) / spans.length;
    expect(mean).toBeGreaterThan(37_000);
    expect(mean).toBeLessThan(43_000);
    expect(new FaultInjector(seededRandom(3), { connectionDropMs: 10_000 }).drawConnectionDropMs()).toBe(10_000);
  });

  it('spaces random connection drops at the configured rate on average', () => {
    const faults = new FaultInjector(seededRandom(7), { connectionDropsPerHour: 4 });
    const gaps = Array.from({ length: 2_000 }, () => faults.nextConnectionDropInMs()!);
    const meanMinutes = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length / 60_000;
    expect(meanMinutes).toBeGreaterThan(13);
    expect(meanMinutes).toBeLessThan(17);
  });
});
