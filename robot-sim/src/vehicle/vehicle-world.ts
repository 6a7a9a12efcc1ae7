import type { SimClock } from '../clock/sim-clock';
import type { ElevatorBank } from '../elevator/elevator-bank';
import type { SimFacility } from '../facility/sim-facility';
import type { Random } from '../random/seeded-random';

/** Events a publisher (MQTT or a benchmark) listens to; `stateChanged` may fire many times per tick. */
export interface VehicleEvents {
  stateChanged: [];
  stateRequested: [];
  factsheetRequested: [];
  /** Fault injection: the link should drop ungracefully for this many simulated ms. */
  connectionDrop: [durationMs: number];
}

/** What the vehicles of one simulated world share. */
export interface VehicleWorld {
  readonly clock: SimClock;
  readonly facility?: SimFacility;
  /** Shared by all vehicles of the world so they queue for the same cabins. */
  readonly elevators?: ElevatorBank;
  readonly random?: Random;
}
