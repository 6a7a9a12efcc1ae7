import { Clock, type TimerHandle } from '@opiekun/application';

/** The longest delay Node's setTimeout keeps (about 24.8 days). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  /**
   * A 0 ms timeout ("as soon as the current work is done", e.g. a dispatch round asked for by a new task) runs in this
   * turn of the event loop, after its I/O callbacks (setImmediate); Node's setTimeout would wait at least 1 ms and for
   * the next turn's timer phase.
   */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    if (ms <= 0) {
      const immediate = setImmediate(fn);
      return { cancel: () => clearImmediate(immediate) };
    }
    if (ms > LONGEST_TIMER_MS) {
      // Node fires a timer set beyond 2³¹ − 1 ms after 1 ms: a longer wait is waited for in pieces
      let piece = this.setTimeout(() => (piece = this.setTimeout(fn, ms - LONGEST_TIMER_MS)), LONGEST_TIMER_MS);
      return { cancel: () => piece.cancel() };
    }
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const timer = setInterval(fn, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}
