import { Clock, type TimerHandle } from '@opiekun/application';
import type { SimClock } from '@opiekun/robot-sim';

/**
 * The application's Clock on the simulator's SimClock: one virtual time for the dispatcher and the vehicles, so a
 * shift replays as fast as the events can be processed and in the same order every time.
 */
export class SimClockAdapter extends Clock {
  constructor(private readonly sim: SimClock) {
    super();
  }

  now(): number {
    return this.sim.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.sim.setTimer(ms, fn);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const every = Math.max(1, ms);
    let cancelled = false;
    let current: TimerHandle;
    const arm = (): void => {
      current = this.sim.setTimer(every, () => {
        if (cancelled) return;
        arm();
        fn();
      });
    };
    arm();
    return {
      cancel: () => {
        cancelled = true;
        current.cancel();
      },
    };
  }
}
