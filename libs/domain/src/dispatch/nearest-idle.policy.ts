import { routerFor } from '../facility/routing';
import { canDo } from '../robot/robot';
import { assignDecision } from './assign-decision';
import { chargingTrips } from './charging-trips';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig, type DispatchDecision, type DispatchPolicy, type DispatchSnapshot } from './dispatch-policy';
import { type PlanningRobot, planningFleet } from './fleet-state';
import { readyByArrival, stopNodes, unassignableDecision, unassignableReason } from './task-feasibility';
import { estimateTrip, serviceSecondsOf } from './work-estimate';

/**
 * Baseline: first come, first served, each task to the nearest idle robot able to do it (travel time to its first
 * stop). No priorities, no waiting for a busy robot, no look-ahead. Battery as in v1: a task must leave the robot at
 * or above the reserve; a robot under the reserve, or one too low for a task it could otherwise have done, charges.
 */
export class NearestIdlePolicy implements DispatchPolicy {
  readonly name = 'nearest-idle';

  plan(snapshot: DispatchSnapshot): DispatchDecision[] {
    const config: Required<DispatchConfig> = { ...DEFAULT_DISPATCH_CONFIG, ...snapshot.config };
    const fleet = planningFleet(snapshot.robots, snapshot.tasks, snapshot.facility, config);
    const router = routerFor(snapshot.facility);
    const decisions: DispatchDecision[] = [];
    const shortOfBattery = new Set<PlanningRobot>();
    for (const task of readyByArrival(snapshot.tasks, snapshot.now)) {
      const reason = unassignableReason(task, snapshot.robots, snapshot.facility);
      if (reason) {
        decisions.push(unassignableDecision(task, reason));
        continue;
      }
      const stops = stopNodes(task);
      let best: { robot: PlanningRobot; travelS: number; totalS: number } | undefined;
      for (const robot of fleet) {
        if (!robot.freeNow || !canDo(robot.robot, task.requires)) continue;
        const travelS = router.travelTimeS(stops[0]!, robot.freeAt, robot.robot.speed);
        if (travelS === Infinity || (best && travelS >= best.travelS)) continue;
        const trip = estimateTrip(snapshot.facility, robot.freeAt, stops, robot.robot.speed, serviceSecondsOf(task, config), config);
        const battery = robot.robot.battery;
        if (battery !== undefined && battery - trip.batteryUse < config.batteryReserve) {
          shortOfBattery.add(robot);
          continue;
        }
        best = { robot, travelS, totalS: trip.totalS };
      }
      if (!best) continue;
      decisions.push(assignDecision(task, best.robot, stops, best.totalS, snapshot));
      best.robot.freeNow = false;
    }
    const low = (r: PlanningRobot) => r.robot.battery! < config.batteryReserve || shortOfBattery.has(r);
    return [...decisions, ...chargingTrips(fleet, snapshot.facility, low, snapshot.refusedChargers)];
  }
}
