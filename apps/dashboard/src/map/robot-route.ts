import type { Robot, Task } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import type { FacilityRouter } from '../routing/facility-router';
import { remainingStops } from '../tasks/task-model';

export interface RoutePlan {
  /** Node ids from the robot's last node to its destination. */
  readonly nodes: readonly string[];
  readonly destination: string;
}

/** Where a robot is heading for its task, along the fastest route; undefined when it has no task or no route. */
export function planRobotRoute(robot: Robot, task: Task | undefined, pickedUp: boolean, router: FacilityRouter): RoutePlan | undefined {
  if (!task || !robot.lastNodeId) return undefined;
  const stops = remainingStops(task, pickedUp);
  if (stops.length === 0) return undefined;
  const route = router.route([robot.lastNodeId, ...stops], robot.speed > 0 ? robot.speed : 1);
  return route ? { nodes: route.nodes, destination: stops[stops.length - 1]! } : undefined;
}

export interface FloorSegment {
  readonly points: readonly { x: number; y: number }[];
  /** The floor the route goes on to where it leaves this one by elevator. */
  readonly continuesTo?: string;
  readonly exitNode?: string;
}

/** The parts of a route on one floor, each with where it goes next when it leaves the floor. */
export function segmentsOnFloor(plan: RoutePlan, floorId: string, facility: FacilityIndex): FloorSegment[] {
  const segments: FloorSegment[] = [];
  let current: { x: number; y: number }[] = [];
  for (let i = 0; i < plan.nodes.length; i += 1) {
    const node = facility.node(plan.nodes[i]);
    if (!node) continue;
    if (node.floor === floorId) {
      current.push({ x: node.x, y: node.y });
      continue;
    }
    if (current.length > 0) {
      segments.push({ points: current, continuesTo: node.floor, exitNode: plan.nodes[i - 1] });
      current = [];
    }
  }
  if (current.length > 0) segments.push({ points: current });
  return segments;
}
