import type { Facility } from './facility-graph';
import type { RideWindow } from './routing';

/** Seconds a booking is kept past its booked end: long enough for any queue that pushed it back to be replayed. */
const KEPT_PAST_END_S = 600;

export interface ElevatorBooking {
  readonly robotId: string;
  /** The order whose ride it is, when the booker said. */
  readonly orderId?: string;
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
  private readonly byElevator = new Map<string, ElevatorBooking[]>();
  private readonly capacity = new Map<string, number>();

  constructor(
    facility: Facility,
    /**
     * The order a robot runs now, if the caller knows (the api: the fleet registry): a booking of an order the robot no
     * longer runs (cancelled, given up, failed, done early) is not waited for.
     */
    private readonly currentOrder?: (robotId: string) => string | undefined,
  ) {
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
   * for its cabin. The queue is replayed in the order robots reach the landing, each riding as long as its booking says
   * — not read off the booked times, which a robot planned later but there sooner has pushed back.
   */
  waitS(elevator: string, atS: number, robotId?: string): number {
    const bookings = this.byElevator.get(elevator);
    if (!bookings || bookings.length === 0) return 0;
    const ahead = bookings.filter((b) => b.robotId !== robotId && b.arriveS <= atS && this.stillRuns(b)).sort((a, b) => a.arriveS - b.arriveS || a.boardS - b.boardS);
    if (ahead.length === 0) return 0;
    // when each place in the cabin is free again
    const free = new Array<number>(this.capacity.get(elevator) ?? 1).fill(-Infinity);
    for (const b of ahead) {
      const place = earliest(free);
      free[place] = Math.max(b.arriveS, free[place]!) + (b.leaveS - b.boardS);
    }
    return Math.max(0, free[earliest(free)]! - atS);
  }

  /**
   * The robot's rides of its new order; rides long over by `nowS` go (kept a while past their booked end, since a queue
   * may have pushed them back). Its earlier bookings are dropped — except, where the traffic knows which order each
   * robot runs, those of the order it still runs: an order built and then not sent (a vehicle's limits refuse it) must
   * not wipe out the rides of the one it is on. They stop counting once it runs another (`stillRuns`).
   */
  book(robotId: string, rides: readonly RideWindow[], nowS: number, orderId?: string): void {
    const running = this.currentOrder?.(robotId);
    const replaced = (b: ElevatorBooking) => b.robotId === robotId && (running === undefined || b.orderId !== running || b.orderId === orderId);
    for (const [elevator, bookings] of this.byElevator) {
      const kept = bookings.filter((b) => !replaced(b) && b.leaveS + KEPT_PAST_END_S > nowS);
      for (const ride of rides) if (ride.elevator === elevator) kept.push({ robotId, orderId, arriveS: ride.arriveS, boardS: ride.boardS, leaveS: ride.leaveS });
      this.byElevator.set(elevator, kept);
    }
  }

  private stillRuns(booking: ElevatorBooking): boolean {
    return booking.orderId === undefined || this.currentOrder === undefined || this.currentOrder(booking.robotId) === booking.orderId;
  }

  /** A robot that gave its order up (cancelled, lost) no longer rides as booked. */
  release(robotId: string): void {
    for (const [elevator, bookings] of this.byElevator) this.byElevator.set(elevator, bookings.filter((b) => b.robotId !== robotId));
  }

  /** Bookings still ahead, per elevator (for the api's view of the building and for tests). */
  bookings(elevator: string): readonly ElevatorBooking[] {
    return this.byElevator.get(elevator) ?? [];
  }
}

/** Index of the smallest entry. */
function earliest(times: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < times.length; i++) if (times[i]! < times[best]!) best = i;
  return best;
}
