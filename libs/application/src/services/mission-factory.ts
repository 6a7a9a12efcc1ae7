import { ElevatorTraffic, planMission, type Facility, type Robot, type Task } from '@opiekun/domain';
import type { Mission, MissionNode } from '../ports/robot-link.port';

/** Metres a robot may stand off an order's node and count as on it (VDA 5050 `allowedDeviationXY`). */
export const NODE_DEVIATION_M = 0.5;

/**
 * Mission (protocol order) ids: `${taskId}:${attempt}` for tasks, `charge:${robotId}:${epochMs}` for trips to a charger,
 * `park:${robotId}:${epochMs}` for trips to a waiting point.
 */
export function taskMissionId(task: Pick<Task, 'id' | 'attempt'>): string {
  return `${task.id}:${task.attempt}`;
}

/** What an orderId of ours stands for; undefined for an order some other master control gave the robot. */
export type MissionRef =
  | { readonly kind: 'task'; readonly taskId: string; readonly attempt: number }
  | { readonly kind: 'charge' | 'park'; readonly robotId: string };

export function parseMissionId(missionId: string): MissionRef | undefined {
  for (const kind of ['charge', 'park'] as const) {
    if (!missionId.startsWith(`${kind}:`)) continue;
    const robotId = missionId.slice(kind.length + 1, missionId.lastIndexOf(':'));
    return robotId.length > 0 ? { kind, robotId } : undefined;
  }
  const colon = missionId.lastIndexOf(':');
  const attempt = Number(missionId.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(attempt) || attempt < 1) return undefined;
  return { kind: 'task', taskId: missionId.slice(0, colon), attempt };
}

/**
 * Whether a task is held by a robot and so keeps its current mission (the outbox entry): given to a robot, under
 * way, or on hold at one. Anything else (queued, with staff, finished) has no mission.
 */
export function keepsMission(task: Pick<Task, 'status' | 'robotId' | 'performer'>): boolean {
  return task.robotId !== undefined && task.performer !== 'staff' && (task.status === 'accepted' || task.status === 'in-progress' || task.status === 'on-hold');
}

/**
 * The node an order starts with when the robot stands between two nodes of the building (§6.6.3.1's first option,
 * MissionFactory.reachableStart): where it stands, named after the order. Not a node of the building.
 */
export function temporaryNodeId(missionId: string): string {
  return `${missionId}${TEMPORARY_NODE_SUFFIX}`;
}

const TEMPORARY_NODE_SUFFIX = '/here';

/** Whether a node id is the temporary start node of one of our orders (any order: a robot may name it after a cancel). */
export function isTemporaryNodeId(nodeId: string): boolean {
  return nodeId.endsWith(TEMPORARY_NODE_SUFFIX) && parseMissionId(nodeId.slice(0, -TEMPORARY_NODE_SUFFIX.length)) !== undefined;
}

const ORDER_ACTION_TYPE = /\/\d+\.(?:\d+|w)-([^/]+)$/;

/**
 * The type of one of our order actions, from its id (`<mission>/<node>.<action>-<type>`, as plannedNodes and the
 * custody waits name them); undefined for any other id. A vehicle need not report `actionType` in its action states
 * (VDA 5050 state schema: optional, "the order knows the type").
 */
export function actionTypeOf(actionId: string): string | undefined {
  return ORDER_ACTION_TYPE.exec(actionId)?.[1];
}

/** Every action of a mission carries the mission id as prefix, so progress can be read from any robot's report. */
export function belongsTo(actionId: string, missionId: string): boolean {
  return actionId.startsWith(`${missionId}/`);
}

/**
 * Builds the orders (missions) of tasks, charge trips and trips to a waiting point. Given the time, it routes round the
 * elevator queues the orders it made before are expected to make (ElevatorTraffic; one for every factory of the api),
 * and books the new order's rides; without it, the fastest route of an empty building.
 */
export class MissionFactory {
  constructor(
    private readonly facility: Facility,
    readonly traffic: ElevatorTraffic = new ElevatorTraffic(facility),
  ) {}

  /**
   * Actions a task's mission carries beyond the task's own (none here; custody adds its waits for a person), which the
   * robot must support too: a vehicle refuses an order with an action it does not have (VDA 5050 §6.6.4.2).
   */
  addedActions(_task: Task): readonly string[] {
    return [];
  }

  /** `now`: the order goes out now (routed round the elevator queues, its rides booked); without it, untimed. */
  forTask(task: Task, robot: Robot, now?: number): Mission {
    const id = taskMissionId(task);
    return { id, robotId: robot.id, taskId: task.id, nodes: this.plannedNodes(id, task, robot, task.attempt, undefined, now) };
  }

  /** A drive to a waiting point, with no action there: the robot stands and waits for its next order. */
  toWaitingPoint(robot: Robot, node: string, now: number): Mission {
    const id = `park:${robot.id}:${now}`;
    // the made-up visit's action is dropped; an elevator's initPosition stays
    return { id, robotId: robot.id, nodes: this.plannedNodes(id, { id, attempt: 0, spec: { kind: 'visit', atNode: node, action: 'park' } }, robot, 0, 'park', now) };
  }

  /** `now` makes the id unique across restarts, as VDA 5050 wants a new orderId for a new order. */
  toCharger(robot: Robot, chargerNode: string, now: number): Mission {
    const id = `charge:${robot.id}:${now}`;
    return { id, robotId: robot.id, nodes: this.plannedNodes(id, { id, attempt: 0, spec: { kind: 'visit', atNode: chargerNode, action: 'startCharging' } }, robot, 0, undefined, now) };
  }

  /**
   * The mission's nodes: the planned route from the robot's last node, each action named `${id}/${node}.${action}-${type}`
   * (less `dropAction`, a made-up one), the first node reachable where the robot stands (reachableStart).
   */
  private plannedNodes(id: string, task: Parameters<typeof planMission>[0], robot: Robot, attempt: number, dropAction: string | undefined, now: number | undefined): MissionNode[] {
    const plan = planMission(task, robot, this.facility, attempt, now === undefined ? undefined : { traffic: this.traffic, now });
    if (now !== undefined) this.traffic.book(robot.id, plan.rides ?? [], now / 1000, id);
    const nodes = plan.nodes.map((node, n) => ({
      ...node,
      actions: node.actions.filter((a) => a.type !== dropAction).map((action, a) => ({ ...action, id: `${id}/${n}.${a}-${action.type}` })),
    }));
    return this.reachableStart(id, nodes, robot);
  }

  /**
   * An order starts at the robot's last node, which VDA 5050 wants "trivially reachable": the vehicle on it or within
   * its deviation range (§6.6.1). A vehicle that can stop between nodes may have done so after a cancelOrder (§6.6.3):
   * then, as §6.6.3.1 offers, the first node's deviation range is widened to where the vehicle stands, so that it
   * counts the node as traversed, accepts the order and drives on to the second node. Only when that is what the
   * robot would do anyway: it stands still (not driving: its pose is where it stopped), on the first edge of the order
   * (within NODE_DEVIATION_M of the straight line from the first node to the second, on their floor), and the first
   * node has no action (one skipped would run off its place — a charge, a pick). Otherwise, when it stands still on
   * another edge of the building that ends at the first node (it stopped on its way elsewhere), the order starts with
   * a temporary node where it stands (§6.6.3.1's first option; temporaryNodeId) and an edge back along the one it is
   * on to the first node: a way that exists, not a straight line through a wall, and the first node's actions run
   * where they belong. A vehicle stopped anywhere else gets the order unchanged and refuses it, which the dispatcher
   * already handles.
   */
  private reachableStart(missionId: string, nodes: MissionNode[], robot: Robot): MissionNode[] {
    const [first, second] = nodes;
    const pose = robot.pose;
    if (!first || !pose || robot.driving || pose.floor !== first.floor) return nodes;
    const off = Math.hypot(pose.x - first.x, pose.y - first.y);
    if (!(off > NODE_DEVIATION_M)) return nodes;
    if (second && second.floor === first.floor && first.actions.length === 0 && distanceToSegment(pose, first, second) <= NODE_DEVIATION_M) {
      return [{ ...first, allowedDeviationM: off + NODE_DEVIATION_M }, ...nodes.slice(1)];
    }
    const edge = this.facility.neighbours(first.nodeId).find(({ nodeId, edge }) => {
      const end = this.facility.findNode(nodeId);
      return edge.kind !== 'elevator' && end?.floor === first.floor && distanceToSegment(pose, first, end) <= NODE_DEVIATION_M;
    });
    if (!edge) return nodes;
    const here: MissionNode = { nodeId: temporaryNodeId(missionId), floor: pose.floor, x: pose.x, y: pose.y, actions: [] };
    const limit = this.facility.edgeSpeedLimit(first.nodeId, edge.nodeId);
    return [here, { ...first, ...(limit !== undefined ? { maxSpeedIn: limit } : {}) }, ...nodes.slice(1)];
  }
}

/** Metres from a point to the segment a–b (to the nearer end beyond it). */
function distanceToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
