/** Milliseconds since the Unix epoch; injected so that header timestamps are deterministic in tests. */
export type Clock = () => number;

/** The wall clock. */
export const systemClock: Clock = () => Date.now();
