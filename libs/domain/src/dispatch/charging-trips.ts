import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import { nearestFreeCharger } from './charger-choice';
import type { DispatchDecision } from './dispatch-policy';
import type { PlanningRobot } from './fleet-state';

/**
 * Whether the robot can be sent to charge: its factsheet lists VDA 5050's startCharging (a charge trip is an order with
 * that action at the charger; a vehicle without it would refuse the order — one that charges by itself is left to).
 */
export function canCharge(robot: { readonly actions: readonly string[] }): boolean {
  return robot.actions.includes('startCharging');
}

/**
 * Sends each free robot that `wantsCharge` to the nearest charger no other robot stands at or drives to, in fleet
 * order. A robot charging already, one with no reported battery or one with work is left alone.
 */
export function chargingTrips(
  fleet: readonly PlanningRobot[],
  facility: Facility,
  wantsCharge: (robot: PlanningRobot) => boolean,
  /** Per robot, the chargers it refused lately (DispatchSnapshot.refusedChargers). */
  refused?: ReadonlyMap<string, ReadonlySet<string>>,
): DispatchDecision[] {
  const taken = new Set(fleet.flatMap((r) => (r.holdsCharger ? [r.holdsCharger] : [])));
  const decisions: DispatchDecision[] = [];
  for (const robot of fleet) {
    if (!robot.freeNow || robot.robot.charging || robot.robot.battery === undefined || !canCharge(robot.robot) || !wantsCharge(robot)) continue;
    const charger = nearestFreeCharger(robot, facility, taken, refused?.get(robot.robot.id));
    if (charger === undefined) continue;
    taken.add(charger);
    const route = routerFor(facility).route(robot.robot.lastNodeId!, charger, robot.robot.speed);
    decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: charger, route });
  }
  return decisions;
}
