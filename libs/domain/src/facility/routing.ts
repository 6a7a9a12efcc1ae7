import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Facility } from './facility-graph';
import { ShortestPathTree, TimeGraph } from './time-graph';

export interface ElevatorRide {
  readonly elevator: string;
  readonly fromFloor: string;
  readonly toFloor: string;
  /** landing node where the robot boards */
  readonly fromNode: string;
  /** landing node where the robot leaves the car */
  readonly toNode: string;
}

export interface Route {
  /** Facility nodes in order, from the start to the goal; a ride lists the shaft's node on every floor passed. */
  readonly nodes: readonly string[];
  readonly durationS: number;
  /** Metres driven (a ride drives none). */
  readonly distanceM: number;
  readonly elevatorRides: readonly ElevatorRide[];
}

/** When a route's ride holds an elevator's cabin, in the seconds of the timed search (Router.routeThroughTimed). */
export interface RideWindow {
  readonly elevator: string;
  /** Reaches the landing and asks for the cabin. */
  readonly arriveS: number;
  /** Boards: the cabin is its own from here… */
  readonly boardS: number;
  /** … until it leaves the car on the other floor. */
  readonly leaveS: number;
}

/** What a timed route is asked to count: the robot's stay at each stop, and the queue at each elevator (ElevatorTraffic). */
export interface RouteTiming {
  /** Seconds (same clock as `boardWaitS`) the robot sets off. */
  readonly startS: number;
  /** Seconds the robot stays at stop `index` (its action) before driving on. */
  readonly dwellS: (index: number) => number;
  /** Seconds the robot would queue for `elevator`'s cabin reaching its landing at `atS`. */
  readonly boardWaitS: (elevator: string, atS: number) => number;
}

export interface RouterOptions {
  /** Memory for cached single-source searches, bytes (default 64 MiB); the oldest searches are dropped first. */
  readonly cacheBytes?: number;
}

/**
 * Fastest routes in time across floors (edges: length / min(speed, zone limit); rides: doors once plus
 * secondsPerFloor per floor — see TimeGraph). Each search from a source at a speed is kept, so the many travel-time
 * estimates of one dispatch round cost a lookup each. Travel times are symmetric: `travelTimeS(a, b) ===
 * travelTimeS(b, a)` up to rounding, so callers asking from many robots to one stop should pass the stop first.
 */
export class Router {
  private readonly graph: TimeGraph;
  /** keyed by speedSlot × vertexCount + source, numbers being much cheaper to look up than strings */
  private readonly trees = new Map<number, ShortestPathTree>();
  private readonly speedSlots = new Map<number, number>();
  private readonly maxTrees: number;

  constructor(
    readonly facility: Facility,
    options: RouterOptions = {},
  ) {
    this.graph = new TimeGraph(facility);
    const bytesPerTree = 20 * Math.max(1, this.graph.vertexCount);
    this.maxTrees = Math.max(16, Math.floor((options.cacheBytes ?? 64 * 2 ** 20) / bytesPerTree));
  }

  /** Seconds from one node to another at `speed` m/s; Infinity when no route joins them. */
  travelTimeS(from: string, to: string, speed: number): number {
    const [tree, target] = this.treeEitherWay(from, to, speed);
    return tree.timeS[target]!;
  }

  /** Metres driven along the fastest route; Infinity when no route joins them. */
  distanceM(from: string, to: string, speed: number): number {
    const [tree, target] = this.treeEitherWay(from, to, speed);
    return tree.distanceM[target]!;
  }

  /**
   * Seconds and metres from every vertex to `nodeId` at `speed` (times are symmetric), indexed by `vertexOf`: a
   * dispatch round that prices thousands of robot–task pairs reads them straight from these arrays.
   * @throws DomainError(UnknownNode | InvalidArgument)
   */
  costsTo(nodeId: string, speed: number): { readonly timeS: Float64Array; readonly distanceM: Float64Array } {
    return this.tree(this.vertex(nodeId), speed);
  }

  /** Index of a node in the arrays of `costsTo`. @throws DomainError(UnknownNode) */
  vertexOf(nodeId: string): number {
    return this.vertex(nodeId);
  }

  /**
   * Uses a cached search from either end (a dispatch round has searched from the task's stops already).
   * @throws DomainError(UnknownNode | NoRoute | InvalidArgument)
   */
  route(from: string, to: string, speed: number): Route {
    const [tree, target] = this.treeEitherWay(from, to, speed);
    if (tree.timeS[target] === Infinity) {
      throw new DomainError(DomainErrorCode.NoRoute, `no route from ${from} to ${to}`, to);
    }
    const path = this.pathBetween(tree, target, this.vertex(from));
    return {
      nodes: this.nodeIdsOf(path),
      durationS: tree.timeS[target]!,
      distanceM: tree.distanceM[target]!,
      elevatorRides: this.ridesOf(path),
    };
  }

  /** One route visiting `stops` in order (legs joined, the shared node listed once). */
  routeThrough(from: string, stops: readonly string[], speed: number): Route {
    let joined = this.route(from, from, speed);
    for (const stop of stops) joined = joinRoutes(joined, this.route(joined.nodes[joined.nodes.length - 1]!, stop, speed));
    return joined;
  }

  /**
   * The route through `stops` that arrives soonest when elevators have queues: each leg searched on the clock
   * (TimeGraph.searchTimed), setting off after the stay at the stop before, so a ride goes by the elevator whose queue
   * costs least at the time the robot gets there, another shaft or floor's way round included. Not cached (the queues
   * change); `durationS` counts the drive and the queueing, not the stays. With the rides' windows, to be booked.
   * @throws DomainError(UnknownNode | NoRoute | InvalidArgument)
   */
  routeThroughTimed(from: string, stops: readonly string[], speed: number, timing: RouteTiming): { readonly route: Route; readonly legs: readonly Route[]; readonly rides: readonly RideWindow[] } {
    this.cacheKey(0, speed); // checks the speed
    let joined = this.route(from, from, speed);
    const rides: RideWindow[] = [];
    const legs: Route[] = [];
    let at = timing.startS;
    for (const [index, stop] of stops.entries()) {
      const start = this.vertex(joined.nodes[joined.nodes.length - 1]!);
      const goal = this.vertex(stop);
      const tree = this.graph.searchTimed(start, goal, speed, at, timing.boardWaitS);
      if (tree.timeS[goal] === Infinity) throw new DomainError(DomainErrorCode.NoRoute, `no route from ${joined.nodes[joined.nodes.length - 1]} to ${stop}`, stop);
      const path = this.pathBetween(tree, goal, start);
      for (let i = 0; i < path.length; i++) {
        if (!this.graph.isCar(path[i]!)) continue;
        let j = i;
        while (j + 1 < path.length && this.graph.isCar(path[j + 1]!)) j++;
        if (j > i) {
          const arriveS = tree.timeS[path[i - 1]!]!;
          rides.push({ elevator: this.graph.elevatorOfCar.get(path[i]!)!, arriveS, boardS: tree.timeS[path[i]!]! - this.graph.doorSecondsOf(path[i]!), leaveS: tree.timeS[path[j]!]! });
        }
        i = j;
      }
      const leg: Route = { nodes: this.nodeIdsOf(path), durationS: tree.timeS[goal]! - at, distanceM: tree.distanceM[goal]!, elevatorRides: this.ridesOf(path) };
      legs.push(leg);
      joined = joinRoutes(joined, leg);
      at = tree.timeS[goal]! + timing.dwellS(index);
    }
    return { route: joined, legs, rides };
  }

  private treeEitherWay(from: string, to: string, speed: number): [ShortestPathTree, number] {
    const a = this.vertex(from);
    const b = this.vertex(to);
    const reverse = this.trees.get(this.cacheKey(b, speed));
    return reverse && !this.trees.has(this.cacheKey(a, speed)) ? [reverse, a] : [this.tree(a, speed), b];
  }

  private tree(source: number, speed: number): ShortestPathTree {
    const key = this.cacheKey(source, speed);
    const cached = this.trees.get(key);
    if (cached) return cached;
    const tree = this.graph.search(source, speed);
    if (this.trees.size >= this.maxTrees) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(key, tree);
    return tree;
  }

  private cacheKey(source: number, speed: number): number {
    let slot = this.speedSlots.get(speed);
    if (slot === undefined) {
      if (!(speed > 0) || !Number.isFinite(speed)) {
        throw new DomainError(DomainErrorCode.InvalidArgument, `speed must be a positive number of m/s (got ${speed})`);
      }
      slot = this.speedSlots.size;
      this.speedSlots.set(speed, slot);
    }
    return slot * this.graph.vertexCount + source;
  }

  private vertex(nodeId: string): number {
    const index = this.graph.indexOf(nodeId);
    if (index === undefined) throw new DomainError(DomainErrorCode.UnknownNode, `unknown node "${nodeId}"`, nodeId);
    return index;
  }

  /** Vertices from `start` to the other end, whichever end the tree was searched from. */
  private pathBetween(tree: ShortestPathTree, target: number, start: number): number[] {
    const path: number[] = [];
    for (let v = target; v !== -1; v = tree.previous[v]!) path.push(v);
    // walking back from the target ends at the tree's source: reverse unless the source is where the route ends
    return tree.source === start ? path.reverse() : path;
  }

  /** Car vertices become their landing node; a node repeated by boarding or leaving is listed once. */
  private nodeIdsOf(path: readonly number[]): string[] {
    const ids: string[] = [];
    for (const v of path) {
      const id = this.graph.nodeIds[this.graph.landingOf[v]!]!;
      if (ids[ids.length - 1] !== id) ids.push(id);
    }
    return ids;
  }

  private ridesOf(path: readonly number[]): ElevatorRide[] {
    const rides: ElevatorRide[] = [];
    for (let i = 0; i < path.length; i++) {
      if (!this.graph.isCar(path[i]!)) continue;
      let j = i;
      while (j + 1 < path.length && this.graph.isCar(path[j + 1]!)) j++;
      if (j > i) rides.push(this.ride(path[i]!, path[j]!));
      i = j;
    }
    return rides;
  }

  private ride(fromCar: number, toCar: number): ElevatorRide {
    const fromNode = this.graph.nodeIds[this.graph.landingOf[fromCar]!]!;
    const toNode = this.graph.nodeIds[this.graph.landingOf[toCar]!]!;
    return {
      elevator: this.graph.elevatorOfCar.get(fromCar)!,
      fromFloor: this.facility.node(fromNode).floor,
      toFloor: this.facility.node(toNode).floor,
      fromNode,
      toNode,
    };
  }
}

export function joinRoutes(first: Route, second: Route): Route {
  return {
    nodes: [...first.nodes, ...second.nodes.slice(1)],
    durationS: first.durationS + second.durationS,
    distanceM: first.distanceM + second.distanceM,
    elevatorRides: [...first.elevatorRides, ...second.elevatorRides],
  };
}

const routers = new WeakMap<Facility, Router>();

/** The one Router of a facility, so its cache lives as long as the facility object does. */
export function routerFor(facility: Facility): Router {
  let router = routers.get(facility);
  if (!router) {
    router = new Router(facility);
    routers.set(facility, router);
  }
  return router;
}
