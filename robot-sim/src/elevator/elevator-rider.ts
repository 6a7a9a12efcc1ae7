import type { SimClock, SimTimerHandle } from '../clock/sim-clock';
import type { ElevatorBank } from './elevator-bank';

interface Ride {
  readonly elevatorId: string | undefined;
  /** When the vehicle asked for a cabin (sim ms). */
  readonly requestedAt: number;
  readonly rideMs: number;
  readonly onArrived: () => void;
  riding: boolean;
  timer?: SimTimerHandle;
}

/**
 * One vehicle's use of the elevators: queue for a cabin, ride for the bank's ride time, keep the cabin while the
 * next edge continues in the same shaft. Arrival and grants come back through `wrap`, the vehicle's mutation entry.
 */
export class ElevatorRider {
  private ride: Ride | undefined;
  private held: string | undefined;
  private waitedMsTotal = 0;

  constructor(
    private readonly riderId: string,
    private readonly bank: ElevatorBank,
    private readonly clock: SimClock,
    private readonly wrap: (change: () => void) => void,
    /** Whether the vehicle can board right now (not paused, not flat). */
    private readonly canBoard: () => boolean,
  ) {}

  /** Waiting for or riding a cabin: the vehicle is off its node's control until arrival. */
  get busy(): boolean {
    return this.ride !== undefined;
  }

  get riding(): boolean {
    return this.ride?.riding ?? false;
  }

  /** Sim ms spent queueing for a cabin so far (from asking to boarding): contention the building's elevators cause. */
  get waitedMs(): number {
    return this.waitedMsTotal;
  }

  /** Starts a ride from one node to the other; `onArrived` runs when the cabin reaches the target floor. */
  board(fromNodeId: string, toNodeId: string, onArrived: () => void): void {
    const elevator = this.bank.elevatorBetween(fromNodeId, toNodeId);
    if (this.held && this.held !== elevator?.id) this.leave();
    const rideMs = this.bank.rideSeconds(fromNodeId, toNodeId) * 1000;
    this.ride = { elevatorId: elevator?.id, requestedAt: this.clock.now(), rideMs, onArrived, riding: false };
    if (!elevator) return this.start();
    this.bank.request(elevator.id, this.riderId, () => this.wrap(() => this.granted(elevator.id)));
  }

  /**
   * Gives up a cabin not yet moving, or the place in its queue, and the cabin held between rides. A ride under way
   * always completes: the cabin is not the vehicle's to stop.
   */
  leave(): void {
    if (this.ride && !this.ride.riding) {
      if (this.ride.elevatorId) this.bank.release(this.ride.elevatorId, this.riderId);
      this.ride = undefined;
    }
    if (this.held && !this.ride) {
      const held = this.held;
      this.held = undefined;
      this.bank.release(held, this.riderId);
    }
  }

  dispose(): void {
    this.ride?.timer?.cancel();
    if (this.ride) this.ride.riding = false;
    this.leave();
  }

  private granted(elevatorId: string): void {
    this.held = elevatorId;
    // A vehicle that cannot board gives its place up rather than hold the cabin for everyone.
    if (!this.ride || !this.canBoard()) return this.leave();
    this.start();
  }

  private start(): void {
    const ride = this.ride!;
    ride.riding = true;
    this.waitedMsTotal += this.clock.now() - ride.requestedAt;
    ride.timer = this.clock.setTimer(ride.rideMs, () =>
      this.wrap(() => {
        this.ride = undefined;
        ride.onArrived();
      }),
    );
  }
}
