import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** The api's event-loop delay (how long ready callbacks waited for the loop), sampled every millisecond. */
export interface EventLoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Seconds the figures cover: since start, or since the last reset. */
  readonly sinceS: number;
}

let histogram: IntervalHistogram | undefined;
let since = 0;

/** Starts the monitor once per process (1 ms resolution); later calls do nothing. */
export function startEventLoopMonitor(): void {
  if (histogram) return;
  histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  since = performance.now();
}

/** The figures so far; `reset` starts a new window afterwards (the end-to-end benchmark measures its own run). */
export function eventLoopDelay(reset = false): EventLoopDelay | undefined {
  if (!histogram) return undefined;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const figures = {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    sinceS: Math.round((performance.now() - since) / 100) / 10,
  };
  if (reset) {
    histogram.reset();
    since = performance.now();
  }
  return figures;
}
