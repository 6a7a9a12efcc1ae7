import { ElevatorSpec, SimFacility } from '../facility/sim-facility';

/** Ride time when no facility tells the vehicle which elevator it is in. */
export const FALLBACK_RIDE_SECONDS = 30;

interface Shaft {
  readonly spec: ElevatorSpec;
  readonly riders: Set<string>;
  readonly queue: Array<{ riderId: string; onGranted: () => void }>;
}

/**
 * The building's elevators as a resource shared by every vehicle of one simulated world: each cabin carries at most
 * `capacity` vehicles at once and the others wait in arrival order. Grants are synchronous callbacks so the order of
 * events on the sim clock stays deterministic.
 */
export class ElevatorBank {
  private readonly shafts = new Map<string, Shaft>();
  private readonly levelOfNode = new Map<string, number>();

  constructor(facility?: SimFacility) {
    for (const spec of facility?.elevators ?? []) this.shafts.set(spec.id, { spec, riders: new Set(), queue: [] });
    for (const node of facility?.nodes.values() ?? []) {
      const level = facility?.floors.get(node.floor)?.level;
      if (level !== undefined) this.levelOfNode.set(node.id, level);
    }
  }

  /** The elevator whose stops include both nodes, if the facility has one. */
  elevatorBetween(fromNodeId: string, toNodeId: string): ElevatorSpec | undefined {
    for (const { spec } of this.shafts.values()) {
      if (spec.nodes.includes(fromNodeId) && spec.nodes.includes(toNodeId)) return spec;
    }
    return undefined;
  }

  /** secondsPerFloor × floors travelled + doorSeconds; 30 s when the ride is not in a known elevator. */
  rideSeconds(fromNodeId: string, toNodeId: string): number {
    const spec = this.elevatorBetween(fromNodeId, toNodeId);
    if (!spec) return FALLBACK_RIDE_SECONDS;
    const from = this.levelOfNode.get(fromNodeId);
    const to = this.levelOfNode.get(toNodeId);
    const floors = from !== undefined && to !== undefined ? Math.abs(to - from) : 1;
    return spec.secondsPerFloor * Math.max(1, floors) + spec.doorSeconds;
  }

  /** Asks for a place in the cabin; `onGranted` runs now if there is room, else when it is this rider's turn. */
  request(elevatorId: string, riderId: string, onGranted: () => void): void {
    const shaft = this.shaft(elevatorId);
    if (shaft.riders.has(riderId)) return onGranted();
    if (shaft.queue.length === 0 && shaft.riders.size < shaft.spec.capacity) {
      shaft.riders.add(riderId);
      return onGranted();
    }
    shaft.queue.push({ riderId, onGranted });
  }

  /** Leaves the cabin or the queue, whichever the rider is in, and lets the next in line board. */
  release(elevatorId: string, riderId: string): void {
    const shaft = this.shaft(elevatorId);
    shaft.riders.delete(riderId);
    const queued = shaft.queue.findIndex((entry) => entry.riderId === riderId);
    if (queued >= 0) shaft.queue.splice(queued, 1);
    while (shaft.queue.length > 0 && shaft.riders.size < shaft.spec.capacity) {
      const next = shaft.queue.shift()!;
      shaft.riders.add(next.riderId);
      next.onGranted();
    }
  }

  riders(elevatorId: string): string[] {
    return [...this.shaft(elevatorId).riders];
  }

  waiting(elevatorId: string): string[] {
    return this.shaft(elevatorId).queue.map((entry) => entry.riderId);
  }

  private shaft(elevatorId: string): Shaft {
    const shaft = this.shafts.get(elevatorId);
    if (!shaft) throw new Error(`unknown elevator ${elevatorId}`);
    return shaft;
  }
}
