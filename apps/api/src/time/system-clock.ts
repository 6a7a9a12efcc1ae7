import { Clock, type TimerHandle } from '@opiekun/application';

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const timer = setInterval(fn, ms);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  }
}
