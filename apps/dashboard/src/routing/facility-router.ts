import type { Facility } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';

export interface Leg {
  readonly nodes: readonly string[];
  readonly seconds: number;
}

interface Arc {
  readonly to: string;
  readonly metres: number;
  /** Elevator hop: fixed seconds instead of a distance. */
  readonly rideS?: number;
  readonly speedLimit?: number;
}

/**
 * Fastest routes over the facility graph for the dashboard's estimates (ETA, the selected robot's route). The api
 * plans the real routes; this mirrors its cost model closely enough to tell staff "in about 4 minutes": driving at
 * the robot's speed (slower in zones with a speed limit), an elevator hop costing its seconds per floor plus doors.
 */
export class FacilityRouter {
  private readonly arcs = new Map<string, Arc[]>();

  constructor(facility: FacilityIndex) {
    const data: Facility = facility.data;
    const limits = new Map<string, number>();
    for (const zone of data.zones) {
      if (zone.maxSpeed === undefined) continue;
      for (const id of zone.nodes) limits.set(id, Math.min(limits.get(id) ?? Infinity, zone.maxSpeed));
    }
    for (const edge of data.edges) {
      const a = facility.node(edge.from);
      const b = facility.node(edge.to);
      if (!a || !b) continue;
      const elevator = edge.kind === 'elevator' ? facility.elevatorAt(a.id) : undefined;
      const rideS = elevator ? elevator.secondsPerFloor + elevator.doorSeconds : undefined;
      const metres = a.floor === b.floor ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
      const limit = Math.min(limits.get(a.id) ?? Infinity, limits.get(b.id) ?? Infinity);
      const speedLimit = Number.isFinite(limit) ? limit : undefined;
      this.add(a.id, { to: b.id, metres, rideS, speedLimit });
      this.add(b.id, { to: a.id, metres, rideS, speedLimit });
    }
  }

  /** Fastest leg between two nodes at `speed` m/s; undefined when no route joins them. */
  leg(from: string, to: string, speed: number): Leg | undefined {
    if (from === to) return { nodes: [from], seconds: 0 };
    const dist = new Map<string, number>([[from, 0]]);
    const prev = new Map<string, string>();
    const done = new Set<string>();
    // The graphs are small (hundreds of nodes): a linear scan for the minimum is fast and simple.
    const open = new Set<string>([from]);
    while (open.size > 0) {
      let current = '';
      let best = Infinity;
      for (const id of open) {
        const d = dist.get(id)!;
        if (d < best) [best, current] = [d, id];
      }
      open.delete(current);
      if (current === to) break;
      done.add(current);
      for (const arc of this.arcs.get(current) ?? []) {
        if (done.has(arc.to)) continue;
        const cost = arc.rideS ?? arc.metres / Math.max(0.05, Math.min(speed, arc.speedLimit ?? Infinity));
        const candidate = best + cost;
        if (candidate < (dist.get(arc.to) ?? Infinity)) {
          dist.set(arc.to, candidate);
          prev.set(arc.to, current);
          open.add(arc.to);
        }
      }
    }
    if (!dist.has(to)) return undefined;
    const nodes = [to];
    while (nodes[0] !== from) nodes.unshift(prev.get(nodes[0]!)!);
    return { nodes, seconds: dist.get(to)! };
  }

  /** Through several stops in order; undefined when one of them cannot be reached. */
  route(stops: readonly string[], speed: number): Leg | undefined {
    let nodes: string[] = [stops[0]!];
    let seconds = 0;
    for (let i = 1; i < stops.length; i += 1) {
      const leg = this.leg(stops[i - 1]!, stops[i]!, speed);
      if (!leg) return undefined;
      nodes = [...nodes, ...leg.nodes.slice(1)];
      seconds += leg.seconds;
    }
    return { nodes, seconds };
  }

  private add(from: string, arc: Arc): void {
    const list = this.arcs.get(from) ?? [];
    list.push(arc);
    this.arcs.set(from, list);
  }
}
