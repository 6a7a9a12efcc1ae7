import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import { canDo } from '../robot/robot';
import type { DemandMap } from './demand-map';
import type { DispatchDecision } from './dispatch-policy';
import { canCharge } from './charging-trips';
import type { PlanningRobot } from './fleet-state';

export interface IdleOptions {
  /** Percent: an idle robot under it goes to charge (opportunistic charging)… */
  readonly chargeBelow: number;
  /**
   * … and once under `chargeBelow` a robot stays recharging until it has this much (hysteresis): while idle on a free
   * charger it charges there.
   */
  readonly chargeUntil: number;
  /**
   * Seconds: an idle robot moves to a waiting point only when that shortens the fleet's expected drive to the next
   * task (demand-weighted) by more than this — a margin, so that robots do not shuffle for nothing.
   */
  readonly moveGainS: number;
  /** Waiting points considered around each hotspot (the nearest ones), so a round stays bounded in a large building. */
  readonly pointsPerHotspot: number;
  /** Tasks (decayed count) seen before robots are moved on the strength of them: one task is no pattern. */
  readonly minDemand: number;
}

/** What the idle robots are told: at most one decision each. */
export interface IdlePlan {
  readonly decisions: DispatchDecision[];
}

/** Node kinds a robot may wait at: never a resident's room, a service room, or an elevator. */
export const WAITING_KINDS: ReadonlySet<string> = new Set(['corridor', 'charger', 'parking', 'waiting']);

/**
 * What idle robots (free, nothing planned for them) do between tasks.
 *
 * Charging, with hysteresis: a robot under `chargeBelow` goes to the free charger with the best mix of reach and
 * nearness to where work starts; a recharging robot (`recharging`: it went under `chargeBelow` and has not reached
 * `chargeUntil` since) that stands idle on a free charger charges there again; a charging robot is left charging (it takes work straight away when some comes — the plan counts it
 * as free). When ready work is waiting that the plan could not place (`workWaiting`), no robot is sent to charge
 * for comfort: only the plan's own reserve rule sends robots that are too low for any work.
 *
 * Positioning: the others wait where work is expected to start. Demand is learnt online (DemandMap: decayed counts of
 * tasks' first stops); the fleet's expected drive to the next task is Σ weight(h) · (seconds from the nearest idle
 * robot to hotspot h). Greedily, point by point (the facility's waiting points near the hotspots: corridors,
 * chargers), the point that shortens it most is filled — by an idle robot already as good where it stands (it
 * stays), else by the idle robot that reaches it soonest — while the gain is above `moveGainS`. Robots on their way
 * somewhere count at their destination (`destinations`, by robot: a charger there is taken); a charging robot counts
 * where it charges.
 */
export function idleTrips(
  idle: readonly PlanningRobot[],
  fleet: readonly PlanningRobot[],
  facility: Facility,
  demand: DemandMap,
  options: IdleOptions,
  workWaiting: boolean,
  destinations: ReadonlyMap<string, string> = new Map(),
  recharging: ReadonlySet<string> = new Set(),
  /** Per robot, the chargers it refused lately (DispatchSnapshot.refusedChargers): none is chosen for it. */
  refusedChargers?: ReadonlyMap<string, ReadonlySet<string>>,
): DispatchDecision[] {
  const router = routerFor(facility);
  const decisions: DispatchDecision[] = [];
  // held by a robot there or on its way, or the destination of a trip (this round's charge trips among them)
  const chargerTaken = new Set(fleet.flatMap((r) => (r.holdsCharger ? [r.holdsCharger] : [])));
  for (const node of destinations.values()) if (facility.findNode(node)?.kind === 'charger') chargerTaken.add(node);
  const hotspots = demand.hotspots();
  const idleIds = new Set(idle.map((r) => r.robot.id));
  const movable: PlanningRobot[] = [];
  /** Where robots that stay, or go to charge, will be: they cover the work near there. */
  const fixedRobots: Array<[node: string, robot: PlanningRobot]> = [];

  for (const robot of [...idle].sort((a, b) => (a.robot.battery ?? 100) - (b.robot.battery ?? 100) || (a.robot.id < b.robot.id ? -1 : 1))) {
    const { battery, charging, speed, lastNodeId } = robot.robot;
    if (lastNodeId === undefined) continue;
    if (charging) {
      fixedRobots.push([lastNodeId, robot]);
      continue;
    }
    const refused = refusedChargers?.get(robot.robot.id);
    if (battery !== undefined && canCharge(robot.robot) && robot.holdsCharger === lastNodeId && !refused?.has(lastNodeId) && battery < options.chargeUntil && recharging.has(robot.robot.id) && !workWaiting) {
      // still recharging and standing on a free charger: it takes work from there as from anywhere
      decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: lastNodeId, route: router.route(lastNodeId, lastNodeId, speed) });
      fixedRobots.push([lastNodeId, robot]);
      continue;
    }
    if (battery !== undefined && canCharge(robot.robot) && battery < options.chargeBelow && !workWaiting) {
      const charger = bestCharger(robot, facility, demand, hotspots, chargerTaken, refused);
      if (charger !== undefined) {
        chargerTaken.add(charger);
        decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: charger, route: router.route(lastNodeId, charger, speed) });
        fixedRobots.push([charger, robot]);
        continue;
      }
    }
    if (battery !== undefined && battery < options.chargeBelow) {
      // low, and no charger for it (all taken, or work waits): it stays where it is rather than drive to wait elsewhere
      fixedRobots.push([lastNodeId, robot]);
      continue;
    }
    movable.push(robot);
  }
  const spots = demand.hotspotsByNeed();
  if (spots.length === 0 || movable.length === 0 || demand.total() < options.minDemand) return decisions;

  // robots on their way to a charger or a waiting point (not idle, no task) count where they are going
  for (const r of fleet) {
    const to = destinations.get(r.robot.id);
    if (to !== undefined && !idleIds.has(r.robot.id)) fixedRobots.push([to, r]);
  }
  const speed = movable[0]!.robot.speed;
  // seconds from any node to each hotspot, at each robot speed of the fleet (a mixed fleet drives at several)
  const tablesBySpeed = new Map<number, Float64Array[]>();
  const secondsTo = (robot: PlanningRobot): Float64Array[] => {
    let tables = tablesBySpeed.get(robot.robot.speed);
    if (!tables) tablesBySpeed.set(robot.robot.speed, (tables = spots.map(([node]) => router.costsTo(node, robot.robot.speed).timeS)));
    return tables;
  };
  const needs = spots.map(([, need]) => (need === '' ? [] : need.split('\u0000')));
  const weights = spots.map(([, , w]) => w);
  const total = weights.reduce((a, b) => a + b, 0);
  const masks = new Map<string, boolean[]>();
  const maskOf = (robot: PlanningRobot): boolean[] => {
    const key = robot.robot.actions.join('\u0000');
    let mask = masks.get(key);
    if (!mask) masks.set(key, (mask = needs.map((need) => canDo(robot.robot, need))));
    return mask;
  };
  // no idle robot anywhere yet: every point gains against the same (large) figure, so the best point still wins
  const cover = spots.map(() => NO_COVER_S);
  const occupied = new Set<string>();
  const coverFrom = (node: string, robot: PlanningRobot): void => {
    const v = router.vertexOf(node);
    const mask = maskOf(robot);
    const tables = secondsTo(robot);
    for (let h = 0; h < cover.length; h++) if (mask[h]) cover[h] = Math.min(cover[h]!, tables[h]![v]!);
    occupied.add(node);
  };
  const gainAt = (node: string, robot: PlanningRobot, mask: readonly boolean[]): number => {
    const v = router.vertexOf(node);
    const tables = secondsTo(robot);
    let gain = 0;
    for (let h = 0; h < cover.length; h++) if (mask[h]) gain += weights[h]! * Math.max(0, cover[h]! - tables[h]![v]!);
    return gain / total;
  };
  for (const [node, robot] of fixedRobots) coverFrom(node, robot);
  for (const r of fleet) if (!idleIds.has(r.robot.id) && r.robot.lastNodeId !== undefined) occupied.add(r.robot.lastNodeId);
  const points = waitingPoints(facility, [...new Set(spots.map(([node]) => node))], speed, options.pointsPerHotspot);
  const left = new Set(movable.sort((a, b) => (a.robot.id < b.robot.id ? -1 : 1)).slice(0, MAX_MOVES_A_ROUND));
  while (left.size > 0) {
    // the robot that can cover most of the work still uncovered, at the best free point it reaches, or where it stands
    let best: { robot: PlanningRobot; point: string | undefined; gain: number; stay: number } | undefined;
    for (const r of left) {
      const mask = maskOf(r);
      const at = r.robot.lastNodeId!;
      const stay = gainAt(at, r, mask);
      let point: string | undefined;
      let pointGain = -Infinity;
      for (const p of points) {
        if (occupied.has(p) || (chargerTaken.has(p) && p !== r.holdsCharger)) continue;
        const gain = gainAt(p, r, mask);
        if (gain > pointGain && router.travelTimeS(p, at, r.robot.speed) < Infinity) {
          point = p;
          pointGain = gain;
        }
      }
      const moves = point !== undefined && point !== at && pointGain - stay > options.moveGainS;
      const gain = moves ? pointGain : stay;
      if (!best || gain > best.gain) best = { robot: r, point: moves ? point : undefined, gain, stay };
    }
    if (!best || best.gain <= 0) break;
    left.delete(best.robot);
    const at = best.robot.robot.lastNodeId!;
    if (best.point === undefined) {
      coverFrom(at, best.robot);
      continue;
    }
    coverFrom(best.point, best.robot);
    decisions.push({ kind: 'park', robotId: best.robot.robot.id, node: best.point, route: router.route(at, best.point, best.robot.robot.speed) });
  }
  return decisions;
}

/** Idle robots placed in one round at most, so a round stays bounded in a large fleet (the rest are placed later). */
const MAX_MOVES_A_ROUND = 8;

/** Seconds a hotspot counts as away from the fleet when no idle robot covers it. */
const NO_COVER_S = 3_600;

/** The free charger with the least reach plus expected drive from it to where work starts. */
function bestCharger(
  robot: PlanningRobot,
  facility: Facility,
  demand: DemandMap,
  hotspots: Array<[string, number]>,
  taken: ReadonlySet<string>,
  refused: ReadonlySet<string> | undefined,
): string | undefined {
  const router = routerFor(facility);
  const { speed, lastNodeId } = robot.robot;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const charger of facility.chargers()) {
    if ((taken.has(charger.id) && charger.id !== robot.holdsCharger) || refused?.has(charger.id)) continue;
    const reachS = router.travelTimeS(charger.id, lastNodeId!, speed);
    if (reachS === Infinity) continue;
    const score = reachS + demand.expectedApproachS(charger.id, speed, facility, hotspots);
    if (score < bestScore) {
      best = charger.id;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Waiting points near the hotspots: for each, the `perHotspot` nearest nodes of a waiting kind (corridors, chargers),
 * de-duplicated, in a stable order. Searched from each hotspot (one cached search each); a hotspot's nearest points
 * are kept for the facility's life (they depend on the building only), since sorting every waiting node of a large
 * building by its time to each hotspot was half of an idle round's work.
 */
export function waitingPoints(facility: Facility, hotspots: readonly string[], speed: number, perHotspot: number): string[] {
  const points = new Set<string>();
  for (const hotspot of hotspots) for (const id of nearestWaitingPoints(facility, hotspot, speed, perHotspot)) points.add(id);
  return [...points];
}

const NEAREST_POINTS = new WeakMap<Facility, { readonly candidates: readonly { readonly id: string }[]; readonly near: Map<string, readonly string[]> }>();

/** The `perHotspot` waiting points nearest `hotspot` (by time at `speed`, then id), reachable ones only; cached. */
function nearestWaitingPoints(facility: Facility, hotspot: string, speed: number, perHotspot: number): readonly string[] {
  let cache = NEAREST_POINTS.get(facility);
  if (!cache) NEAREST_POINTS.set(facility, (cache = { candidates: facility.nodes.filter((n) => WAITING_KINDS.has(n.kind)), near: new Map() }));
  const key = `${hotspot}\u0001${speed}\u0001${perHotspot}`;
  let near = cache.near.get(key);
  if (!near) {
    const router = routerFor(facility);
    const seconds = router.costsTo(hotspot, speed).timeS;
    near = cache.candidates
      .map((n) => ({ id: n.id, s: seconds[router.vertexOf(n.id)]! }))
      .filter((x) => x.s < Infinity)
      .sort((a, b) => a.s - b.s || (a.id < b.id ? -1 : 1))
      .slice(0, perHotspot)
      .map((x) => x.id);
    cache.near.set(key, near);
  }
  return near;
}
