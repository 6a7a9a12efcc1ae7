import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import type { PlanningRobot } from './fleet-state';

/**
 * The charger a robot reaches soonest among those no other robot stands at or drives to (`taken`, which the caller
 * grows as it sends robots out) and that the robot has not refused lately (`refused`); undefined when none is free and
 * reachable. A robot standing at a charger gets that one (0 s away).
 */
export function nearestFreeCharger(robot: PlanningRobot, facility: Facility, taken: ReadonlySet<string>, refused?: ReadonlySet<string>): string | undefined {
  const router = routerFor(facility);
  const at = robot.robot.lastNodeId!;
  let best: string | undefined;
  let bestS = Infinity;
  for (const charger of facility.chargers()) {
    if ((taken.has(charger.id) && charger.id !== robot.holdsCharger) || refused?.has(charger.id)) continue;
    const seconds = router.travelTimeS(charger.id, at, robot.robot.speed);
    if (seconds < bestS) {
      best = charger.id;
      bestS = seconds;
    }
  }
  return best;
}
