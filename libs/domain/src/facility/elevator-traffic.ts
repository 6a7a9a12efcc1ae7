import type { Facility } from './facility-graph';
import type { RideWindow } from './routing';

interface Booking {
  readonly robotId: string;
  /** Epoch seconds (RideWindow's clock here). */
  readonly arriveS: number;
  readonly boardS: number;
  readonly leaveS: number;
}

/**
 * Who is expected in which elevator when: the rides of the orders master control has sent, each booked when its order
 * is made (from the timed route: when the robot reaches the landing, boards and leaves), so that the next order's route
 * can go by the shaft that is free rather than queue behind them (Router.routeThroughTimed). An estimate, not a
 * reservation: a robot's new order replaces its bookings, and past ones are dropped.
 *
 * The queue is first come, first served, as a building's elevator (and robot-sim's bank) is: a robot reaching the landing
 * at `t` boards once every robot that reached it before `t` and still holds or waits for the cabin has left it, as far
 * as the cabin's capacity makes it wait at all.
 */
export class ElevatorTraffic {
  private readonly byElevator = new Map<string, Booking[]>();
  private readonly capacity = new Map<string, number>();

  constructor(facility: Facility) {
    for (const elevator of facility.data.elevators) {
      this.byElevator.set(elevator.id, []);
      this.capacity.set(elevator.id, Math.max(1, elevator.capacity));
    }
  }

  /** Whether the building has elevators at all (without them there is nothing to book or to wait for). */
  get hasElevators(): boolean {
    return this.byElevator.size > 0;
  }

  /**
   * Seconds a robot other than `robotId` reaching `elevator`'s landing at `atS` (epoch seconds) is expected to queue
   * for its cabin.
   */
  waitS(elevator: string, atS: number, robotId?: string): number {
    const bookings = this.byElevator.get(elevator);
    if (!bookings || bookings.length === 0) return 0;
    const ahead: number[] = [];
    for (const b of bookings) if (b.robotId !== robotId && b.arriveS <= atS && b.leaveS > atS) ahead.push(b.leaveS);
    const capacity = this.capacity.get(elevator) ?? 1;
    if (ahead.length < capacity) return 0;
    ahead.sort((a, b) => a - b);
    // those ahead board and leave in turn, `capacity` at a time: a place is free when all but capacity − 1 have left
    return ahead[ahead.length - capacity]! - atS;
  }

  /** The robot's rides of its new order (its earlier ones are dropped); bookings over by `nowS` go too. */
  book(robotId: string, rides: readonly RideWindow[], nowS: number): void {
    for (const [elevator, bookings] of this.byElevator) {
      const kept = bookings.filter((b) => b.robotId !== robotId && b.leaveS > nowS);
      for (const ride of rides) if (ride.elevator === elevator) kept.push({ robotId, arriveS: ride.arriveS, boardS: ride.boardS, leaveS: ride.leaveS });
      this.byElevator.set(elevator, kept);
    }
  }

  /** A robot that gave its order up (cancelled, lost) no longer rides as booked. */
  release(robotId: string): void {
    for (const [elevator, bookings] of this.byElevator) this.byElevator.set(elevator, bookings.filter((b) => b.robotId !== robotId));
  }

  /** Bookings still ahead, per elevator (for the api's view of the building and for tests). */
  bookings(elevator: string): readonly { readonly robotId: string; readonly arriveS: number; readonly boardS: number; readonly leaveS: number }[] {
    return this.byElevator.get(elevator) ?? [];
  }
}
