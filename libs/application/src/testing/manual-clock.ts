import { Clock, type TimerHandle } from '../ports/clock.port';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  every?: number;
  cancelled: boolean;
}

/** A Clock that moves only when told: timers fire in time order as `advance` passes them. */
export class ManualClock extends Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private current = Date.UTC(2026, 10, 23, 6, 0, 0)) {
    super();
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false });
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.current + ms, seq: this.seq++, fn, every: Math.max(1, ms), cancelled: false });
  }

  /** Moves time forward, firing every timer due on the way (and awaiting what they started between timers). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushPromises();
      const next = this.timers.filter((t) => !t.cancelled && t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      if (next.every) next.at += next.every;
      else next.cancelled = true;
      next.fn();
    }
    this.current = target;
    this.timers = this.timers.filter((t) => !t.cancelled);
    await flushPromises();
  }

  private add(timer: Timer): TimerHandle {
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
}

async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
