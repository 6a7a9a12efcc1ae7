import type { ElevatorTraffic } from '../facility/elevator-traffic';
import type { Facility } from '../facility/facility-graph';
import { routerFor, type RideWindow } from '../facility/routing';
import type { Robot } from '../robot/robot';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { Task, taskStops } from '../task/task';

/** Same shape as the application's `Mission`, which the domain may not import; the application maps it 1:1. */
export interface MissionPlanAction {
  readonly id: string;
  readonly type: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

export interface MissionPlanNode {
  readonly nodeId: string;
  /** floor id = VDA 5050 mapId */
  readonly floor: string;
  readonly x: number;
  readonly y: number;
  /** Zone speed limit on the edge leading to this node, m/s (the facility's zone speed rule). */
  readonly maxSpeedIn?: number;
  readonly actions: readonly MissionPlanAction[];
}

export interface MissionPlan {
  readonly id: string;
  readonly robotId: string;
  readonly taskId?: string;
  readonly nodes: readonly MissionPlanNode[];
  /** The route's elevator rides on the clock (epoch seconds), when planned with `MissionTiming`: to be booked. */
  readonly rides?: readonly RideWindow[];
}

/** Plans the route on the clock, round the elevator queues `traffic` expects (the other robots' booked rides). */
export interface MissionTiming {
  readonly traffic: ElevatorTraffic;
  /** Epoch ms the order goes out. */
  readonly now: number;
}

/**
 * Seconds a robot is taken to stay at a stop before the task's last (a pick: the task's stated service is at its
 * destination). Only for the timing of elevator rides after it; a vehicle's own duration is its vendor's.
 */
export const STOP_ACTION_S = 15;

/** What a mission needs of a task; a trip to a charger passes a made-up visit. `attempt` here is ignored. */
export type MissionTask = Pick<Task, 'id' | 'spec'> & Partial<Pick<Task, 'attempt' | 'type'>>;

/**
 * VDA 5050's predefined load actions, whose parameters `stationType` and `loadType` the specification does not mark
 * optional for pick (§6.8.1): a vehicle that checks them would refuse a pick without them.
 */
const LOAD_ACTIONS: ReadonlySet<string> = new Set(['pick', 'drop']);

/**
 * The whole trip of a robot for one task as one order: from the node it stands on (`lastNodeId`) along the fastest
 * route through every stop, with the stop's action on the stop node (action ids `${taskId}-${attempt}-${i}-${type}`).
 *
 * Elevators: one order covers every floor. A ride keeps the node where the robot boards and the node where it
 * leaves the car; the shaft's nodes on floors passed in between are left out (the robot cannot act there). The
 * node where it leaves carries an `initPosition` action (x, y, theta, mapId = new floor, lastNodeId), so the
 * vehicle's mapId changes there, as VDA 5050 allows for initPosition with scope "node (Elevator)" — for a robot whose
 * factsheet lists initPosition; one that does not would refuse the whole order for it (§6.6.4.2), and changes maps
 * by itself from the nodes' mapId.
 * @throws DomainError(UnknownNode) when the robot's node is unknown, DomainError(NoRoute) when a stop is unreachable.
 */
export function planMission(task: MissionTask, robot: Robot, facility: Facility, attempt: number, timing?: MissionTiming): MissionPlan {
  const start = robot.lastNodeId;
  if (start === undefined || !facility.hasNode(start)) {
    throw new DomainError(DomainErrorCode.UnknownNode, `robot ${robot.id} is at no known node (${start ?? 'none'})`, robot.id);
  }
  const prefix = `${task.id}-${attempt}`;
  const { nodes, actionsAt, rides } = routeWithStops(task, robot, facility, start, prefix, timing);
  const plan = { id: prefix, robotId: robot.id, taskId: task.id, nodes: missionNodes(nodes, actionsAt, facility, prefix, robot.actions.includes('initPosition')) };
  return rides ? { ...plan, rides } : plan;
}

function routeWithStops(task: MissionTask, robot: Robot, facility: Facility, start: string, prefix: string, timing: MissionTiming | undefined) {
  const router = routerFor(facility);
  const nodes = [start];
  const actionsAt = new Map<number, MissionPlanAction[]>();
  const stops = taskStops(task.spec);
  // with elevators and a clock, the legs are planned round the queues other robots' booked rides make
  const timed =
    timing && timing.traffic.hasElevators
      ? router.routeThroughTimed(
          start,
          stops.map((s) => s.node),
          robot.speed,
          { startS: timing.now / 1000, dwellS: () => STOP_ACTION_S, boardWaitS: (elevator, atS) => timing.traffic.waitS(elevator, atS, robot.id) },
        )
      : undefined;
  stops.forEach((stop, i) => {
    const leg = timed ? timed.legs[i]! : router.route(nodes[nodes.length - 1]!, stop.node, robot.speed);
    nodes.push(...leg.nodes.slice(1));
    const at = nodes.length - 1;
    const action: MissionPlanAction = LOAD_ACTIONS.has(stop.action)
      ? // the station is described by the facility's kind of node (kitchen, pharmacy, room…), the load by the task's type
        { id: `${prefix}-${i}-${stop.action}`, type: stop.action, parameters: { stationType: facility.node(stop.node).kind, stationName: stop.node, loadType: task.type ?? 'load' } }
      : { id: `${prefix}-${i}-${stop.action}`, type: stop.action };
    actionsAt.set(at, [...(actionsAt.get(at) ?? []), action]);
  });
  return { nodes, actionsAt, rides: timed?.rides };
}

function missionNodes(route: readonly string[], actionsAt: Map<number, MissionPlanAction[]>, facility: Facility, prefix: string, relocalises: boolean): MissionPlanNode[] {
  const planned: MissionPlanNode[] = [];
  let rides = 0;
  route.forEach((nodeId, i) => {
    const actions = actionsAt.get(i) ?? [];
    if (actions.length === 0 && passesInCar(route[i - 1], nodeId, route[i + 1], facility)) return;
    const node = facility.node(nodeId);
    const previous = planned[planned.length - 1];
    const leavesCar = previous !== undefined && rideBetween(previous.nodeId, nodeId, facility);
    const initPosition: MissionPlanAction[] = leavesCar && relocalises
      ? [{ id: `${prefix}-ride${rides++}-initPosition`, type: 'initPosition', parameters: { x: node.x, y: node.y, theta: headingInCar(node, route[i + 1], facility), mapId: node.floor, lastNodeId: nodeId } }]
      : [];
    const maxSpeedIn = previous === undefined || leavesCar ? undefined : facility.edgeSpeedLimit(previous.nodeId, nodeId);
    planned.push({
      nodeId,
      floor: node.floor,
      x: node.x,
      y: node.y,
      ...(maxSpeedIn === undefined ? {} : { maxSpeedIn }),
      actions: [...initPosition, ...actions],
    });
  });
  return planned;
}

/**
 * The heading (radians, −π to π: VDA 5050's theta) of a robot in the car when it arrives on the floor it leaves on:
 * facing away from the landing it drives out to, as one that drove in forwards through the car's one door. Worked out
 * on the new floor's own map (each floor has its own frame: the facility format), since that is the map initPosition
 * puts it on; 0 when nothing on that floor says (the car is where the route ends, or the landing is at the same spot).
 * A theta of 0 for every exit left a vehicle that takes the pose literally localised the wrong way round.
 */
function headingInCar(car: { x: number; y: number; floor: string }, next: string | undefined, facility: Facility): number {
  const out = next === undefined ? undefined : facility.node(next);
  if (!out || out.floor !== car.floor || (out.x === car.x && out.y === car.y)) return 0;
  return Math.atan2(car.y - out.y, car.x - out.x);
}

/** Two nodes of one shaft on different floors: consecutive on a route, they are a ride. */
function rideBetween(a: string, b: string, facility: Facility): boolean {
  const shaft = facility.elevatorOf(a);
  return shaft !== undefined && shaft === facility.elevatorOf(b) && facility.node(a).floor !== facility.node(b).floor;
}

function passesInCar(before: string | undefined, nodeId: string, after: string | undefined, facility: Facility): boolean {
  return before !== undefined && after !== undefined && rideBetween(before, nodeId, facility) && rideBetween(nodeId, after, facility);
}
