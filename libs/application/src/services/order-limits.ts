import type { OrderLimits } from '@opiekun/domain';
import type { Mission } from '../ports/robot-link.port';

/** The id of the order edge from one mission node to the next (the robot link's orders carry it). */
export function missionEdgeId(startNodeId: string, endNodeId: string): string {
  return `${startNodeId}->${endNodeId}`;
}

/** What an order exceeds of the limits, named for staff and the vendor; the field is the factsheet's. */
export interface OrderLimitProblem {
  /** The factsheet field, e.g. `maxArrayLens.order.nodes`. */
  readonly limit: string;
  readonly problem: string;
}

const NUMERIC_ID = /^[0-9]+$/;

/** Characters under which our ids are not shortened (collisions among a robot's ids would become likely). */
const SHORTEST_COMPACT_ID = 8;

/**
 * Whether the ids of our own making (orderId, actionIds, edgeIds; not node ids nor maps, which the building names) are
 * written short for this robot (`compactId`): it limits the length of ids to what they can be shortened to, or takes
 * numerical ids only. Our ids are long (a task's UUID and its attempt, an action's place in the order, two node ids).
 */
export function compactsIds(limits: OrderLimits | undefined): boolean {
  return limits !== undefined && (limits.numericIds === true || (limits.idLength !== undefined && limits.idLength >= SHORTEST_COMPACT_ID));
}

/**
 * An id of ours as written to a robot that compacts ids: a 64-bit hash of it (two FNV-1a passes), in digits for a
 * robot that takes numbers only, else in base 36, as long as the robot allows (13 and 18 characters at most). The same
 * id gives the same short id every time, so one written before a restart is known after it. Identity for other robots.
 */
export function compactId(id: string, limits: OrderLimits | undefined): string {
  if (!compactsIds(limits)) return id;
  const hash = (BigInt(fnv1a(id, 0x811c9dc5)) << 32n) | BigInt(fnv1a(id, 0x01000193));
  const written = limits!.numericIds ? hash.toString(10).padStart(20, '0') : hash.toString(36).padStart(13, '0');
  const longest = Math.min(limits!.idLength ?? Infinity, limits!.numericIds ? 18 : 13);
  return written.slice(written.length - longest);
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Whether the mission, as the order it becomes, fits what the robot declared it can process (VDA 5050 factsheet
 * `protocolLimits`): a vehicle refuses an order over its limits, so such an order is not sent. Undefined when it fits,
 * or when no limits are known. `messageBytes`: the size of the order message (the link's), asked only for a robot
 * that declares `msgLen`.
 */
export function orderLimitProblem(mission: Mission, limits: OrderLimits | undefined, messageBytes?: () => number | undefined): OrderLimitProblem | undefined {
  if (!limits) return undefined;
  const bytes = limits.messageBytes === undefined ? undefined : messageBytes?.();
  if (bytes !== undefined && bytes > limits.messageBytes!) {
    return { limit: 'maxStringLens.msgLen', problem: `the order message has ${bytes} bytes, the robot takes at most ${limits.messageBytes}` };
  }
  const nodes = mission.nodes;
  if (limits.nodes !== undefined && nodes.length > limits.nodes) {
    return { limit: 'maxArrayLens.order.nodes', problem: `the order has ${nodes.length} nodes, the robot takes at most ${limits.nodes}` };
  }
  const edges = Math.max(0, nodes.length - 1);
  if (limits.edges !== undefined && edges > limits.edges) {
    return { limit: 'maxArrayLens.order.edges', problem: `the order has ${edges} edges, the robot takes at most ${limits.edges}` };
  }
  for (const node of nodes) {
    if (limits.nodeActions !== undefined && node.actions.length > limits.nodeActions) {
      return { limit: 'maxArrayLens.node.actions', problem: `node ${node.nodeId} has ${node.actions.length} actions, the robot takes at most ${limits.nodeActions} on a node` };
    }
    for (const action of node.actions) {
      const parameters = Object.keys(action.parameters ?? {}).length;
      if (limits.actionParameters !== undefined && parameters > limits.actionParameters) {
        return { limit: 'maxArrayLens.actions.actionsParameters', problem: `action ${action.type} has ${parameters} parameters, the robot takes at most ${limits.actionParameters}` };
      }
    }
  }
  if (limits.idLength === undefined && !limits.numericIds) return undefined;
  for (const [what, id] of orderIds(mission, (ours) => compactId(ours, limits))) {
    if (limits.idLength !== undefined && id.length > limits.idLength) {
      return { limit: 'maxStringLens.idLen', problem: `${what} "${id}" has ${id.length} characters, the robot takes ids of at most ${limits.idLength}` };
    }
    if (limits.numericIds && !NUMERIC_ID.test(id)) {
      return { limit: 'maxStringLens.idNumericalOnly', problem: `${what} "${id}" is not a number, and the robot takes numerical ids only` };
    }
  }
  return undefined;
}

/** Every id the order carries that `idLen` and `idNumericalOnly` apply to, with what it is; ours as `written`. */
function* orderIds(mission: Mission, written: (ours: string) => string): Generator<readonly [string, string]> {
  yield ['orderId', written(mission.id)];
  let previous: string | undefined;
  for (const node of mission.nodes) {
    yield ['nodeId', node.nodeId];
    yield ['mapId', node.floor];
    for (const action of node.actions) yield ['actionId', written(action.id)];
    if (previous !== undefined) yield ['edgeId', written(missionEdgeId(previous, node.nodeId))];
    previous = node.nodeId;
  }
}
