import { SystemClock } from './system-clock';

describe('SystemClock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const DAY_MS = 86_400_000;

  it('waits a delay longer than Node keeps a timer (2³¹ − 1 ms) to its end, not 1 ms', () => {
    const fired = jest.fn();
    new SystemClock().setTimeout(fired, 40 * DAY_MS);
    jest.advanceTimersByTime(1_000);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(40 * DAY_MS - 1_001);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('cancels a long wait whichever piece of it is under way', () => {
    const fired = jest.fn();
    const early = new SystemClock().setTimeout(fired, 40 * DAY_MS);
    const late = new SystemClock().setTimeout(fired, 40 * DAY_MS);
    early.cancel();
    jest.advanceTimersByTime(30 * DAY_MS);
    late.cancel();
    jest.advanceTimersByTime(20 * DAY_MS);
    expect(fired).not.toHaveBeenCalled();
  });

  it('runs a 0 ms timeout as an immediate (this turn, after its I/O), not as a timer', () => {
    const fired = jest.fn();
    const immediate = jest.spyOn(global, 'setImmediate');
    new SystemClock().setTimeout(fired, 0);
    expect(immediate).toHaveBeenCalledTimes(1);
    expect(fired).not.toHaveBeenCalled();
    jest.runOnlyPendingTimers();
    expect(fired).toHaveBeenCalledTimes(1);
    immediate.mockRestore();
  });
});
