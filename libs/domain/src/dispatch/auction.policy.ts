import { canDo } from '../robot/robot';
import type { Task } from '../task/task';
import { assignDecision } from './assign-decision';
import { chargingTrips } from './charging-trips';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig, type DispatchDecision, type DispatchPolicy, type DispatchSnapshot } from './dispatch-policy';
import { type PlanningRobot, planningFleet } from './fleet-state';
import { readyByArrival, stopNodes, unassignableDecision, unassignableReason } from './task-feasibility';
import { estimateTrip, serviceSecondsOf } from './work-estimate';

interface QueueEnd {
  /** seconds from now until the robot has done its current work and its whole queue */
  freeInS: number;
  freeAt: string;
  /** battery percent it is expected to have then (undefined when it reports none) */
  battery: number | undefined;
}

/**
 * Baseline: Open-RMF's task allocation. Each new task, in arrival order, is auctioned once to the robot whose
 * estimated finish is earliest counting everything already queued on it, and appended to that robot's queue; a
 * robot takes the head of its queue when it is free. Queued tasks are never moved to another robot, except when
 * their robot drops out of the fleet (Open-RMF does not even do that; here it is done so that no task is stranded).
 * Battery as in v1: a task must leave the robot at or above the reserve; a robot too low for its next task charges.
 *
 * Stateful: the queues live in the policy object, as they live in Open-RMF's dispatcher.
 */
export class AuctionPolicy implements DispatchPolicy {
  readonly name = 'auction';
  private readonly queues = new Map<string, string[]>();

  plan(snapshot: DispatchSnapshot): DispatchDecision[] {
    const config: Required<DispatchConfig> = { ...DEFAULT_DISPATCH_CONFIG, ...snapshot.config };
    const fleet = planningFleet(snapshot.robots, snapshot.tasks, snapshot.facility, config);
    const ready = new Map(snapshot.tasks.filter((t) => t.status === 'ready').map((t) => [t.id, t]));
    this.forgetStale(fleet, ready);
    const decisions: DispatchDecision[] = [];
    const queued = new Set([...this.queues.values()].flat());
    const ends = new Map(fleet.filter((r) => r.available).map((r) => [r, this.queueEnd(r, ready, snapshot, config)]));
    for (const task of readyByArrival(snapshot.tasks, snapshot.now)) {
      if (queued.has(task.id)) continue;
      const reason = unassignableReason(task, snapshot.robots, snapshot.facility);
      if (reason) decisions.push(unassignableDecision(task, reason));
      else this.auction(task, ends, snapshot, config);
    }
    const shortOfBattery = new Set<PlanningRobot>();
    for (const robot of fleet) {
      if (robot.freeNow) this.startHead(robot, ready, snapshot, config, decisions, shortOfBattery);
    }
    const low = (r: PlanningRobot) => r.robot.battery! < config.batteryReserve || shortOfBattery.has(r);
    return [...decisions, ...chargingTrips(fleet, snapshot.facility, low, snapshot.refusedChargers)];
  }

  /** Drops tasks no longer waiting (given out, cancelled, done) and the queues of robots that cannot work now. */
  private forgetStale(fleet: readonly PlanningRobot[], ready: ReadonlyMap<string, Task>): void {
    const working = new Set(fleet.filter((r) => r.available).map((r) => r.robot.id));
    for (const [robotId, queue] of this.queues) {
      const kept = working.has(robotId) ? queue.filter((id) => ready.has(id)) : [];
      if (kept.length === 0) this.queues.delete(robotId);
      else this.queues.set(robotId, kept);
    }
  }

  private queueEnd(robot: PlanningRobot, ready: ReadonlyMap<string, Task>, snapshot: DispatchSnapshot, config: Required<DispatchConfig>): QueueEnd {
    const end: QueueEnd = { freeInS: robot.freeInS, freeAt: robot.freeAt, battery: robot.robot.battery };
    for (const id of this.queues.get(robot.robot.id) ?? []) {
      const task = ready.get(id)!;
      this.append(end, task, robot, snapshot, config);
    }
    return end;
  }

  private auction(task: Task, ends: Map<PlanningRobot, QueueEnd>, snapshot: DispatchSnapshot, config: Required<DispatchConfig>): void {
    let best: { robot: PlanningRobot; finishS: number } | undefined;
    for (const [robot, end] of ends) {
      if (!canDo(robot.robot, task.requires)) continue;
      const trip = estimateTrip(snapshot.facility, end.freeAt, stopNodes(task), robot.robot.speed, serviceSecondsOf(task, config), config);
      if (trip.totalS === Infinity) continue;
      if (end.battery !== undefined && end.battery - trip.batteryUse < config.batteryReserve && !robot.robot.charging) {
        // it will have to charge first: Open-RMF adds the charging time; so does this estimate, roughly
        const finishS = end.freeInS + trip.totalS + rechargeS(end.battery, config);
        if (!best || finishS < best.finishS) best = { robot, finishS };
        continue;
      }
      const finishS = end.freeInS + trip.totalS;
      if (!best || finishS < best.finishS) best = { robot, finishS };
    }
    if (!best) return;
    const queue = this.queues.get(best.robot.robot.id) ?? [];
    queue.push(task.id);
    this.queues.set(best.robot.robot.id, queue);
    this.append(ends.get(best.robot)!, task, best.robot, snapshot, config);
  }

  private append(end: QueueEnd, task: Task, robot: PlanningRobot, snapshot: DispatchSnapshot, config: Required<DispatchConfig>): void {
    const stops = stopNodes(task);
    const trip = estimateTrip(snapshot.facility, end.freeAt, stops, robot.robot.speed, serviceSecondsOf(task, config), config);
    end.freeInS += trip.totalS;
    end.freeAt = stops[stops.length - 1]!;
    if (end.battery !== undefined) end.battery -= trip.batteryUse;
  }

  private startHead(
    robot: PlanningRobot,
    ready: ReadonlyMap<string, Task>,
    snapshot: DispatchSnapshot,
    config: Required<DispatchConfig>,
    decisions: DispatchDecision[],
    shortOfBattery: Set<PlanningRobot>,
  ): void {
    const queue = this.queues.get(robot.robot.id);
    const head = queue && ready.get(queue[0]!);
    if (!queue || !head) return;
    if (head.earliestStart !== undefined && head.earliestStart > snapshot.now) return;
    const stops = stopNodes(head);
    const trip = estimateTrip(snapshot.facility, robot.freeAt, stops, robot.robot.speed, serviceSecondsOf(head, config), config);
    const battery = robot.robot.battery;
    if (battery !== undefined && battery - trip.batteryUse < config.batteryReserve) {
      shortOfBattery.add(robot);
      return;
    }
    queue.shift();
    decisions.push(assignDecision(head, robot, stops, trip.totalS, snapshot));
    robot.freeNow = false;
  }
}

/** Rough seconds to charge back to full from `battery` percent. */
function rechargeS(battery: number, config: Required<DispatchConfig>): number {
  return Math.max(0, 100 - battery) / config.batteryChargePerSecond + config.defaultServiceS;
}
