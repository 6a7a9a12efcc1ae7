export interface TimerHandle {
  cancel(): void;
}

/** All waiting and time measuring goes through a Clock, so tests and benchmarks can run on virtual time. */
export abstract class Clock {
  /** Epoch milliseconds. */
  abstract now(): number;
  abstract setTimeout(fn: () => void, ms: number): TimerHandle;
  abstract setInterval(fn: () => void, ms: number): TimerHandle;
}
