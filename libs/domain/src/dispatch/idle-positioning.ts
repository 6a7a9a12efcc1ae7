import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import type { DemandMap } from './demand-map';
import type { DispatchDecision } from './dispatch-policy';
import type { PlanningRobot } from './fleet-state';

/** Percent above which a robot standing on a charger is not told to charge. */
const FULL = 95;

export interface ParkingOptions {
  /** Percent: an idle robot under it charges at the best free charger (opportunistic charging). */
  readonly chargeBelow: number;
  /** Seconds: an idle robot above `chargeBelow` moves to a free charger only when that shortens its expected drive to the next task by more. */
  readonly moveGainS: number;
}

/**
 * Idle robots (free, nothing planned for them) go to a free charger: a low one to charge there, one far from where
 * work starts to wait nearer to it (and charge meanwhile). A charger's score is the demand-weighted expected drive
 * from it to the next task plus the drive to reach it; a robot already charging stays.
 */
export function parkingTrips(idle: readonly PlanningRobot[], fleet: readonly PlanningRobot[], facility: Facility, demand: DemandMap, options: ParkingOptions): DispatchDecision[] {
  const router = routerFor(facility);
  const taken = new Set(fleet.flatMap((r) => (r.holdsCharger ? [r.holdsCharger] : [])));
  const hotspots = demand.hotspots();
  const decisions: DispatchDecision[] = [];
  const lowestFirst = [...idle].sort((a, b) => (a.robot.battery ?? 100) - (b.robot.battery ?? 100) || (a.robot.id < b.robot.id ? -1 : 1));
  for (const robot of lowestFirst) {
    const { battery, charging, speed, lastNodeId } = robot.robot;
    if (charging || battery === undefined || lastNodeId === undefined) continue;
    if (robot.holdsCharger === lastNodeId && battery < FULL) {
      // standing on a free charger anyway: charging costs nothing
      decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: lastNodeId, route: router.route(lastNodeId, lastNodeId, speed) });
      continue;
    }
    const here = demand.expectedApproachS(lastNodeId, speed, facility, hotspots);
    let best: { charger: string; score: number; expected: number } | undefined;
    for (const charger of facility.chargers()) {
      if (taken.has(charger.id) && charger.id !== robot.holdsCharger) continue;
      const reachS = router.travelTimeS(charger.id, lastNodeId, speed);
      if (reachS === Infinity) continue;
      const expected = demand.expectedApproachS(charger.id, speed, facility, hotspots);
      const score = expected + reachS;
      if (!best || score < best.score) best = { charger: charger.id, score, expected };
    }
    if (!best) continue;
    const low = battery < options.chargeBelow;
    if (!low && here - best.expected <= options.moveGainS) continue;
    taken.add(best.charger);
    decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: best.charger, route: router.route(lastNodeId, best.charger, speed) });
  }
  return decisions;
}
