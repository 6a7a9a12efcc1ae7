/**
 * When a vehicle's state goes out: at once when something changed (at most once a sim tick, the caller's rhythm), and
 * at least every heartbeat otherwise (VDA 5050 §6.10: state "at least" periodically).
 *
 * Vehicles of one simulated fleet share a clock and connect together, so with a plain "heartbeat since the last
 * publish" the idle ones kept the phase of their first publish and sent their heartbeats in the same tick: at 200
 * robots and 1 Hz, ~80 states in one 50 ms tick each second and a few in the others; a fleet-wide event (a stop, a
 * reconnect) lined them all up again. Real vehicles each have their own clock and start-up time. So each vehicle's
 * heartbeats fall on a grid of its own, offset by a fraction of the period fixed by its name: a heartbeat goes out when
 * the vehicle's period has turned since its last publish, which is never more than a heartbeat after it, and the
 * fleet's heartbeats stay spread over the period whatever lined their publishes up, the same on every run.
 */
export class StateSchedule {
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly phaseMs: number;

  constructor(
    private readonly heartbeatMs: number,
    vehicleName: string,
  ) {
    if (!(heartbeatMs > 0 && Number.isFinite(heartbeatMs))) throw new RangeError(`state heartbeat must be a positive number of ms, got ${heartbeatMs}`);
    this.phaseMs = Math.floor(fraction(vehicleName) * heartbeatMs);
  }

  /** Whether the state should go out now. */
  due(now: number, changed: boolean): boolean {
    return changed || this.period(now) > this.period(this.lastAt);
  }

  /** The state went out at `now`. */
  published(now: number): void {
    this.lastAt = now;
  }

  /** Which of this vehicle's periods `at` falls in. */
  private period(at: number): number {
    return Math.floor((at - this.phaseMs) / this.heartbeatMs);
  }
}

/**
 * A name's place in [0, 1): FNV-1a over its UTF-16 code units, then MurmurHash3's finaliser (FNV alone leaves names
 * that differ only in their last digits bunched: R1…R200 fell in 12 of 20 slots, 52 in one).
 */
function fraction(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
