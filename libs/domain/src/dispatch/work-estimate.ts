import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import type { Robot } from '../robot/robot';
import type { Task } from '../task/task';
import type { DispatchConfig, RobotWorkload } from './dispatch-policy';
import { stopNodes, stopsInFacility } from './task-feasibility';

export interface TripEstimate {
  /** Seconds driving, Infinity when some leg has no route. */
  readonly travelS: number;
  readonly serviceS: number;
  /** travelS + serviceS */
  readonly totalS: number;
  readonly distanceM: number;
  /** Percent of battery the trip is expected to use. */
  readonly batteryUse: number;
}

export function serviceSecondsOf(task: Pick<Task, 'serviceS'>, config: DispatchConfig): number {
  return task.serviceS ?? config.defaultServiceS;
}

/**
 * Driving from `start` through `stops` plus the service at the end. Each leg is looked up from its stop's side (times
 * are symmetric), so estimates for many robots to one stop share a single cached search.
 */
export function estimateTrip(
  facility: Facility,
  start: string,
  stops: readonly string[],
  speed: number,
  serviceS: number,
  config: DispatchConfig,
): TripEstimate {
  const router = routerFor(facility);
  let travelS = 0;
  let distanceM = 0;
  let previous = start;
  for (const stop of stops) {
    travelS += router.travelTimeS(stop, previous, speed);
    distanceM += router.distanceM(stop, previous, speed);
    previous = stop;
  }
  const batteryUse = distanceM * config.batteryDrainPerMeter + serviceS * config.batteryDrainPerSecondWorking;
  return { travelS, serviceS, totalS: travelS + serviceS, distanceM, batteryUse };
}

/**
 * What a robot busy with `task` still has to do. With `pendingNodes` (node ids of its order still to be traversed,
 * from its state report) the stops ahead are the longest tail of the task's stops all still pending. Without them
 * it is a guess: everything ahead while the task is only accepted; later, the stops after the one the robot stands
 * at, or all of them when it stands at none (pessimistic: it may have done the first already). The service is
 * counted whole while any stop is ahead or the robot is still working. Undefined when the robot's node is unknown.
 */
export function estimateRemainingWork(
  robot: Robot,
  task: Task,
  facility: Facility,
  config: DispatchConfig,
  pendingNodes?: readonly string[],
): RobotWorkload | undefined {
  if (robot.lastNodeId === undefined || !facility.hasNode(robot.lastNodeId)) return undefined;
  if (!stopsInFacility(task, facility)) return undefined;
  const stops = stopNodes(task);
  const ahead = pendingNodes ? pendingTail(stops, pendingNodes) : guessAhead(stops, robot.lastNodeId, task);
  const serviceS = ahead.length > 0 || robot.working ? serviceSecondsOf(task, config) : 0;
  const trip = estimateTrip(facility, robot.lastNodeId, ahead, robot.speed, serviceS, config);
  return { kind: 'task', remainingS: trip.totalS, endNode: stops[stops.length - 1]! };
}

function pendingTail(stops: readonly string[], pendingNodes: readonly string[]): string[] {
  const pending = new Set(pendingNodes);
  let first = stops.length;
  while (first > 0 && pending.has(stops[first - 1]!)) first--;
  return stops.slice(first);
}

function guessAhead(stops: readonly string[], at: string, task: Task): string[] {
  if (task.status === 'accepted') return [...stops];
  const standingAt = stops.lastIndexOf(at);
  return standingAt === -1 ? [...stops] : stops.slice(standingAt + 1);
}
