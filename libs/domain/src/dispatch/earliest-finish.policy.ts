import { routerFor } from '../facility/routing';
import { canDo } from '../robot/robot';
import { priorityRank, Task, taskStops } from '../task/task';
import { nearestFreeCharger } from './charger-choice';
import {
  DEFAULT_DISPATCH_CONFIG,
  DispatchConfig,
  DispatchDecision,
  DispatchPolicy,
  DispatchSnapshot,
} from './dispatch-policy';
import { canCharge } from './charging-trips';
import { PlanningRobot, planningFleet } from './fleet-state';
import { estimateTrip, serviceSecondsOf, TripEstimate } from './work-estimate';

interface Offer {
  readonly robot: PlanningRobot;
  readonly trip: TripEstimate;
  /** seconds from now until the task would be done */
  readonly finishS: number;
}

/**
 * Policy v1, greedy by urgency: ready tasks in order (priority, then deadline, then age) each go to the robot that
 * would finish them first, counting the work it still has.
 *
 * - Candidates: robots able to do every required action, available (see PlanningRobot) and expected to end the
 *   task at or above the battery reserve (drain per metre driven and per second of service; a busy robot's
 *   remaining work is not charged to its battery, its next round will tell).
 * - Only a robot free now is given a task. When a busy robot would finish it more than `waitForBusyMarginS`
 *   earlier than the best free one, the task waits for it (the busy robot is booked so lesser tasks do not count
 *   on it) and is planned again next round.
 * - A free robot under the reserve, or one that could not afford a task it could otherwise have done and got none,
 *   is sent to the nearest free charger, so a robot never idles forever just above the reserve.
 * - A task no robot of the fleet can do, or whose stops no route joins, is reported unassignable every round.
 */
export class EarliestFinishPolicy implements DispatchPolicy {
  readonly name = 'earliest-finish-v1';

  plan(snapshot: DispatchSnapshot): DispatchDecision[] {
    const config: Required<DispatchConfig> = { ...DEFAULT_DISPATCH_CONFIG, ...snapshot.config };
    const fleet = planningFleet(snapshot.robots, snapshot.tasks, snapshot.facility, config);
    const round = new Round(snapshot, config, fleet);
    for (const task of tasksToPlan(snapshot.tasks, snapshot.now)) round.planTask(task);
    round.sendToCharge();
    return round.decisions;
  }
}

/** Ready tasks that may start now: stat first, then the earliest deadline (none last), then the oldest. */
export function tasksToPlan(tasks: readonly Task[], now: number): Task[] {
  return tasks
    .filter((t) => t.status === 'ready' && (t.earliestStart === undefined || t.earliestStart <= now))
    .sort(
      (a, b) =>
        priorityRank(b.priority) - priorityRank(a.priority) ||
        (a.deadline ?? Infinity) - (b.deadline ?? Infinity) ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

class Round {
  readonly decisions: DispatchDecision[] = [];
  /** robots that could have done a task but not on the battery they have */
  private readonly shortOfBattery = new Set<PlanningRobot>();

  constructor(
    private readonly snapshot: DispatchSnapshot,
    private readonly config: Required<DispatchConfig>,
    private readonly fleet: PlanningRobot[],
  ) {}

  planTask(task: Task): void {
    const capable = this.fleet.filter((r) => canDo(r.robot, task.requires));
    if (capable.length === 0) return this.unassignable(task, 'no-capable-robot');
    const stops = taskStops(task.spec).map((s) => s.node);
    if (!this.stopsJoined(stops)) return this.unassignable(task, 'no-route');
    const offers = capable.filter((r) => r.available).flatMap((r) => this.offer(r, task, stops));
    const best = earliest(offers);
    const bestFree = earliest(offers.filter((o) => o.robot.freeNow));
    if (best && (!bestFree || best.finishS + this.config.waitForBusyMarginS < bestFree.finishS)) {
      return this.book(best, stops);
    }
    if (bestFree) this.assign(task, bestFree, stops);
  }

  sendToCharge(): void {
    const taken = new Set(this.fleet.flatMap((r) => (r.holdsCharger ? [r.holdsCharger] : [])));
    for (const robot of this.fleet) {
      if (!robot.freeNow || robot.robot.charging || robot.robot.battery === undefined || !canCharge(robot.robot)) continue;
      if (robot.robot.battery >= this.config.batteryReserve && !this.shortOfBattery.has(robot)) continue;
      const charger = nearestFreeCharger(robot, this.snapshot.facility, taken, this.snapshot.refusedChargers?.get(robot.robot.id));
      if (charger === undefined) continue;
      taken.add(charger);
      const route = routerFor(this.snapshot.facility).route(robot.robot.lastNodeId!, charger, robot.robot.speed);
      this.decisions.push({ kind: 'charge', robotId: robot.robot.id, chargerNode: charger, route });
    }
  }

  private offer(robot: PlanningRobot, task: Task, stops: readonly string[]): Offer[] {
    const { facility } = this.snapshot;
    const trip = estimateTrip(facility, robot.freeAt, stops, robot.robot.speed, serviceSecondsOf(task, this.config), this.config);
    if (trip.travelS === Infinity) return [];
    const battery = robot.robot.battery;
    if (battery !== undefined && battery - trip.batteryUse < this.config.batteryReserve) {
      if (robot.freeNow) this.shortOfBattery.add(robot);
      return [];
    }
    return [{ robot, trip, finishS: robot.freeInS + trip.totalS }];
  }

  private assign(task: Task, offer: Offer, stops: readonly string[]): void {
    const { robot } = offer;
    const route = routerFor(this.snapshot.facility).routeThrough(robot.freeAt, stops, robot.robot.speed);
    this.decisions.push({
      kind: 'assign',
      taskId: task.id,
      robotId: robot.robot.id,
      route,
      finishAt: this.snapshot.now + Math.round(offer.finishS * 1000),
    });
    this.book(offer, stops);
  }

  /** Counts the task on the robot's time line for the rest of the round. */
  private book(offer: Offer, stops: readonly string[]): void {
    offer.robot.freeNow = false;
    offer.robot.freeInS = offer.finishS;
    offer.robot.freeAt = stops[stops.length - 1]!;
  }

  private stopsJoined(stops: readonly string[]): boolean {
    const router = routerFor(this.snapshot.facility);
    return stops.every((stop, i) => i === 0 || router.travelTimeS(stops[i - 1]!, stop, 1) < Infinity);
  }

  private unassignable(task: Task, reason: 'no-capable-robot' | 'no-route'): void {
    this.decisions.push({ kind: 'unassignable', taskId: task.id, reason });
  }
}

function earliest(offers: readonly Offer[]): Offer | undefined {
  let best: Offer | undefined;
  for (const offer of offers) if (!best || offer.finishS < best.finishS) best = offer;
  return best;
}
