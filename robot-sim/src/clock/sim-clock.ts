import { SimTimer, TimerQueue } from './timer-queue';

export interface SimTimerHandle {
  cancel(): void;
}

export type TickListener = (nowMs: number) => void;

export interface RealTimeOptions {
  /** Simulated milliseconds per wall millisecond: 1, 10, 60, 500… */
  timeScale: number;
  /** Wall interval between ticks; the sim is coherent at each tick, so this bounds how stale published state is. */
  tickMs?: number;
}

/**
 * Virtual time in epoch milliseconds. Everything in the simulator reads time and sets timers through it, so a run is
 * deterministic when stepped by hand (tests, in-process benchmark) and can replay a shift at any speed when driven by
 * wall time.
 */
export class SimClock {
  private current: number;
  private seq = 0;
  private readonly timers = new TimerQueue();
  private readonly tickListeners = new Set<TickListener>();
  private interval: NodeJS.Timeout | undefined;
  private advancing = false;

  constructor(startMs: number = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`SimClock start must be a finite epoch ms, got ${startMs}`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  get running(): boolean {
    return this.interval !== undefined;
  }

  /** Runs `fn` once `delayMs` of simulated time has passed (0 = at the next advance, after earlier timers). */
  setTimer(delayMs: number, fn: () => void): SimTimerHandle {
    return this.setTimerAt(this.current + Math.max(0, delayMs), fn);
  }

  setTimerAt(atMs: number, fn: () => void): SimTimerHandle {
    const timer: SimTimer = { at: Math.max(atMs, this.current), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /**
   * When the earliest pending timer is due, undefined when none is: an event-driven driver (the in-process benchmark)
   * jumps from one event to the next instead of stepping through empty time.
   */
  nextTimerAt(): number | undefined {
    return this.timers.peek()?.at;
  }

  /** Called after every advance, once timers up to the new time have run; publishers coalesce on it. */
  onTick(listener: TickListener): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Moves simulated time forward, running every due timer at its own instant, in (time, creation) order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`SimClock.advance needs ms >= 0, got ${ms}`);
    this.advanceTo(this.current + ms);
  }

  advanceTo(targetMs: number): void {
    // A timer callback that advances the clock would reorder time; refuse rather than corrupt the run.
    if (this.advancing) throw new Error('SimClock.advance called from inside a timer');
    this.advancing = true;
    try {
      this.runTimersUntil(targetMs);
      this.current = Math.max(this.current, targetMs);
    } finally {
      this.advancing = false;
    }
    for (const listener of [...this.tickListeners]) listener(this.current);
  }

  /** Drives the clock from wall time until `stop()`. */
  start(options: RealTimeOptions): void {
    if (this.interval) throw new Error('SimClock already running');
    if (!(options.timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${options.timeScale}`);
    const tickMs = options.tickMs ?? 50;
    const wallStart = performance.now();
    const simStart = this.current;
    this.interval = setInterval(() => {
      this.advanceTo(simStart + (performance.now() - wallStart) * options.timeScale);
    }, tickMs);
  }

  stop(): void {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  private runTimersUntil(targetMs: number): void {
    for (let next = this.timers.peek(); next && next.at <= targetMs; next = this.timers.peek()) {
      this.timers.pop();
      this.current = next.at;
      next.fn();
    }
  }
}
