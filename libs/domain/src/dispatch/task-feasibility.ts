import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import { canDo, type Robot } from '../robot/robot';
import { type Task, taskStops } from '../task/task';
import type { DispatchConfig, DispatchDecision, UnassignableReason } from './dispatch-policy';

/** The nodes a task visits, in order. */
export function stopNodes(task: Pick<Task, 'spec'>): string[] {
  return taskStops(task.spec).map((s) => s.node);
}

/**
 * Whether the building has every node the task visits: a task stored before the facility file changed may name one
 * it no longer has — no route for it, not a failed round.
 */
export function stopsInFacility(task: Pick<Task, 'spec'>, facility: Facility): boolean {
  return stopNodes(task).every((node) => facility.hasNode(node));
}

/**
 * Why no robot of the whole fleet (online or not) could ever do the task, or undefined when some could: none
 * supports every action it requires, or no route joins its stops.
 */
export function unassignableReason(task: Task, robots: readonly Robot[], facility: Facility): UnassignableReason | undefined {
  if (!robots.some((r) => canDo(r, task.requires))) return 'no-capable-robot';
  if (!stopsInFacility(task, facility)) return 'no-route';
  const stops = stopNodes(task);
  const router = routerFor(facility);
  const joined = stops.every((stop, i) => i === 0 || router.travelTimeS(stops[i - 1]!, stop, 1) < Infinity);
  return joined ? undefined : 'no-route';
}

/** Ready tasks that may start now, in arrival order (oldest first, then by id for a stable order). */
export function readyByArrival(tasks: readonly Task[], now: number): Task[] {
  return tasks
    .filter((t) => t.status === 'ready' && (t.earliestStart === undefined || t.earliestStart <= now))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function unassignableDecision(task: Task, reason: UnassignableReason): DispatchDecision {
  return { kind: 'unassignable', taskId: task.id, reason };
}

/**
 * Battery feasibility: the percent a robot would have left once it has done the work (`usePercent`) and then driven
 * from `endNode` to the nearest charger. Infinity when the robot does not report a battery (nothing to check), -Infinity
 * when no charger can be reached from `endNode` at all.
 */
export function batteryLeftAtCharger(
  battery: number | undefined,
  usePercent: number,
  endNode: string,
  speed: number,
  facility: Facility,
  config: DispatchConfig,
): number {
  if (battery === undefined) return Infinity;
  return battery - usePercent - metresToNearestCharger(endNode, speed, facility) * config.batteryDrainPerMeter;
}

/** Metres from a node to the nearest charger (Infinity when none is reachable or the facility has none). */
export function metresToNearestCharger(node: string, speed: number, facility: Facility): number {
  const router = routerFor(facility);
  let best = Infinity;
  // searched from each charger: a facility has few, and their searches stay cached for every robot and task
  for (const charger of facility.chargers()) best = Math.min(best, router.distanceM(charger.id, node, speed));
  return best;
}
