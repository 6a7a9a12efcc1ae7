import { MinHeap } from '../shared/min-heap';
import type { Facility } from './facility-graph';

/**
 * The facility as a directed graph for shortest-time search, in flat arrays.
 *
 * Vertices 0..n-1 are the facility's nodes in file order. Every node an elevator lists also gets a "car" vertex
 * (the robot inside the car at that floor): landing → car costs the elevator's `doorSeconds`, car → landing costs
 * nothing, and each elevator edge joins two cars at `secondsPerFloor`. A ride over k floors therefore costs
 * `doorSeconds + k × secondsPerFloor` however many elevator edges it uses: the doors are paid once per ride.
 * Both directions of a route cost the same (a ride boards once and leaves once), so times are symmetric.
 */
export class TimeGraph {
  readonly nodeIds: readonly string[];
  /** number of facility nodes; vertices at or above it are elevator cars */
  readonly realCount: number;
  /** car vertex → its landing vertex; landing vertices map to themselves */
  readonly landingOf: Int32Array;
  /** car vertex → elevator id */
  readonly elevatorOfCar = new Map<number, string>();
  private readonly indexById = new Map<string, number>();
  private readonly carLanding = new Map<number, number>();
  private readonly first: Int32Array;
  private readonly target: Int32Array;
  private readonly lengthM: Float64Array;
  private readonly fixedS: Float64Array;
  private readonly limit: Float64Array;

  constructor(facility: Facility) {
    this.nodeIds = facility.nodes.map((n) => n.id);
    this.realCount = this.nodeIds.length;
    this.nodeIds.forEach((id, i) => this.indexById.set(id, i));
    const arcs = this.collectArcs(facility);
    const count = this.realCount + this.elevatorOfCar.size;
    this.landingOf = new Int32Array(count).map((_, i) => i);
    for (const [car, landing] of this.carLanding) this.landingOf[car] = landing;
    arcs.sort((a, b) => a.from - b.from);
    this.first = new Int32Array(count + 1);
    this.target = new Int32Array(arcs.length);
    this.lengthM = new Float64Array(arcs.length);
    this.fixedS = new Float64Array(arcs.length);
    this.limit = new Float64Array(arcs.length);
    arcs.forEach((arc, i) => {
      this.first[arc.from + 1]++;
      this.target[i] = arc.to;
      this.lengthM[i] = arc.lengthM;
      this.fixedS[i] = arc.fixedS;
      this.limit[i] = arc.limit;
    });
    for (let v = 0; v < count; v++) this.first[v + 1] += this.first[v]!;
  }

  get vertexCount(): number {
    return this.landingOf.length;
  }

  indexOf(nodeId: string): number | undefined {
    return this.indexById.get(nodeId);
  }

  isCar(vertex: number): boolean {
    return vertex >= this.realCount;
  }

  /** Dijkstra from one vertex at one top speed (m/s). */
  search(source: number, speed: number): ShortestPathTree {
    return this.dijkstra(source, -1, speed, 0, undefined);
  }

  /**
   * Dijkstra from `source` to `target` on the clock: the search starts at `startS` and every boarding (landing → car)
   * costs, on top of the doors, the seconds `boardWaitS` says the robot would queue for that elevator's cabin if it
   * reached the landing at that time. Waiting never lets a robot that comes later board sooner (a queue is first come,
   * first served), so the first time a vertex is settled is its earliest. Stops at the target; times are absolute.
   */
  searchTimed(source: number, target: number, speed: number, startS: number, boardWaitS: (elevatorId: string, atS: number) => number): ShortestPathTree {
    return this.dijkstra(source, target, speed, startS, boardWaitS);
  }

  /** The one search of both: to every vertex (`target` −1) or until `target` is settled; boardings wait when told. */
  private dijkstra(source: number, target: number, speed: number, startS: number, boardWaitS: ((elevatorId: string, atS: number) => number) | undefined): ShortestPathTree {
    const n = this.vertexCount;
    const timeS = new Float64Array(n).fill(Infinity);
    const distanceM = new Float64Array(n).fill(Infinity);
    const previous = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    const heap = new MinHeap();
    timeS[source] = startS;
    distanceM[source] = 0;
    heap.push(startS, source);
    while (heap.size > 0) {
      const u = heap.pop()!;
      if (done[u]) continue;
      done[u] = 1;
      if (u === target) break;
      for (let a = this.first[u]!; a < this.first[u + 1]!; a++) {
        const v = this.target[a]!;
        const len = this.lengthM[a]!;
        const waitS = boardWaitS !== undefined && u < this.realCount && v >= this.realCount ? Math.max(0, boardWaitS(this.elevatorOfCar.get(v)!, timeS[u]!)) : 0;
        const t = timeS[u]! + waitS + this.fixedS[a]! + (len > 0 ? len / Math.min(speed, this.limit[a]!) : 0);
        if (t < timeS[v]!) {
          timeS[v] = t;
          distanceM[v] = distanceM[u]! + len;
          previous[v] = u;
          heap.push(t, v);
        }
      }
    }
    return { source, timeS, distanceM, previous };
  }

  /** Seconds of doors on boarding `car` (the cabin is held from the moment the robot boards). */
  doorSecondsOf(car: number): number {
    const landing = this.landingOf[car]!;
    for (let a = this.first[landing]!; a < this.first[landing + 1]!; a++) if (this.target[a] === car) return this.fixedS[a]!;
    return 0;
  }

  private collectArcs(facility: Facility): Arc[] {
    const arcs: Arc[] = [];
    const both = (a: number, b: number, lengthM: number, fixedS: number, limit: number) => {
      arcs.push({ from: a, to: b, lengthM, fixedS, limit }, { from: b, to: a, lengthM, fixedS, limit });
    };
    const carOf = this.addCars(facility, arcs);
    for (const edge of facility.data.edges) {
      const a = this.indexById.get(edge.from)!;
      const b = this.indexById.get(edge.to)!;
      if (edge.kind === 'elevator') {
        const elevator = facility.elevatorOf(edge.from)!;
        const floors = Math.abs(facility.levelOf(edge.from) - facility.levelOf(edge.to));
        both(carOf.get(a)!, carOf.get(b)!, 0, elevator.secondsPerFloor * floors, Infinity);
      } else {
        both(a, b, facility.distanceBetween(edge.from, edge.to), 0, facility.edgeSpeedLimit(edge.from, edge.to) ?? Infinity);
      }
    }
    return arcs;
  }

  /** One car vertex per elevator node, with its boarding and leaving arcs; returns landing → car. */
  private addCars(facility: Facility, arcs: Arc[]): Map<number, number> {
    const carOf = new Map<number, number>();
    for (const elevator of facility.data.elevators) {
      for (const nodeId of elevator.nodes) {
        const landing = this.indexById.get(nodeId)!;
        const car = this.realCount + carOf.size;
        carOf.set(landing, car);
        this.carLanding.set(car, landing);
        this.elevatorOfCar.set(car, elevator.id);
        arcs.push({ from: landing, to: car, lengthM: 0, fixedS: elevator.doorSeconds, limit: Infinity });
        arcs.push({ from: car, to: landing, lengthM: 0, fixedS: 0, limit: Infinity });
      }
    }
    return carOf;
  }
}

interface Arc {
  readonly from: number;
  readonly to: number;
  readonly lengthM: number;
  readonly fixedS: number;
  readonly limit: number;
}

export interface ShortestPathTree {
  readonly source: number;
  readonly timeS: Float64Array;
  readonly distanceM: Float64Array;
  /** previous vertex on the fastest path, -1 at the source and where unreachable */
  readonly previous: Int32Array;
}
