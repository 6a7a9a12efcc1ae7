import type { SimClock, SimTimerHandle } from '../clock/sim-clock';

export interface Pose {
  x: number;
  y: number;
  theta: number;
  mapId: string;
}

/**
 * Driving one edge in a straight line at constant speed. The position is computed from sim time on demand, and a
 * single timer fires on arrival, so a vehicle costs nothing between events however fine or coarse the clock steps.
 */
export class DriveSegment {
  readonly length: number;
  readonly heading: number;
  private travelledBefore = 0;
  private startedAt: number | undefined;
  private arrival: SimTimerHandle | undefined;

  constructor(
    private readonly clock: SimClock,
    readonly from: Pose,
    readonly to: Pose,
    readonly speed: number,
    private readonly onArrive: () => void,
  ) {
    this.length = Math.hypot(to.x - from.x, to.y - from.y);
    // A zero-length edge keeps the vehicle's heading rather than snapping to atan2(0, 0) = 0.
    this.heading = this.length > 0 ? Math.atan2(to.y - from.y, to.x - from.x) : from.theta;
  }

  get moving(): boolean {
    return this.startedAt !== undefined;
  }

  travelled(): number {
    if (this.startedAt === undefined) return this.travelledBefore;
    const sinceStart = ((this.clock.now() - this.startedAt) / 1000) * this.speed;
    return Math.min(this.length, this.travelledBefore + sinceStart);
  }

  pose(): Pose {
    const fraction = this.length > 0 ? this.travelled() / this.length : 1;
    return {
      x: this.from.x + (this.to.x - this.from.x) * fraction,
      y: this.from.y + (this.to.y - this.from.y) * fraction,
      theta: this.heading,
      mapId: this.from.mapId,
    };
  }

  resume(): void {
    if (this.startedAt !== undefined) return;
    this.startedAt = this.clock.now();
    const remainingMs = ((this.length - this.travelledBefore) / this.speed) * 1000;
    this.arrival = this.clock.setTimer(remainingMs, () => {
      this.halt();
      this.onArrive();
    });
  }

  halt(): void {
    this.travelledBefore = this.travelled();
    this.startedAt = undefined;
    this.arrival?.cancel();
    this.arrival = undefined;
  }
}

/** Normalises an angle to [-π, π], as VDA 5050 requires for theta. */
export function normaliseAngle(theta: number): number {
  return Math.atan2(Math.sin(theta), Math.cos(theta));
}
