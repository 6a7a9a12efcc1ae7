import type { OrderLimits } from '@opiekun/domain';
import type { Mission } from '../ports/robot-link.port';
import { isTemporaryNodeId } from './mission-factory';

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

/**
 * Characters under which our ids are not shortened, in base 36 and in digits: below them, collisions among the
 * thousands of ids a robot is written over a day would become likely (36^8 ≈ 2.8·10^12, 9·10^9 ids).
 */
const SHORTEST_COMPACT_ID = 8;
const SHORTEST_NUMERIC_ID = 10;
/** Digits at most: a robot that reads its ids as numbers holds 15 digits exactly in a double. */
const LONGEST_NUMERIC_ID = 15;

/**
 * Whether the ids of our own making (orderId, actionIds, edgeIds; not node ids nor maps, which the building names) are
 * written short for this robot (`compactId`): it limits the length of ids to what they can be shortened to, or takes
 * numerical ids only. Our ids are long (a task's UUID and its attempt, an action's place in the order, two node ids).
 */
export function compactsIds(limits: OrderLimits | undefined): boolean {
  if (!limits) return false;
  if (limits.numericIds) return limits.idLength === undefined || limits.idLength >= SHORTEST_NUMERIC_ID;
  return limits.idLength !== undefined && limits.idLength >= SHORTEST_COMPACT_ID;
}

/**
 * An id of ours as written to a robot that compacts ids: a hash of it (two FNV-1a passes, 63 bits), in base 36, or
 * for a robot that takes numbers only in digits with no leading zero (a robot that reads them as numbers reports them
 * back the same), as long as the robot allows (13 characters, 15 digits at most). The same id gives the same short id
 * every time, so one written before a restart is known after it. Identity for other robots.
 */
export function compactId(id: string, limits: OrderLimits | undefined): string {
  if (!compactsIds(limits)) return id;
  const hash = (BigInt(fnv1a(id, 0x811c9dc5)) << 32n) | BigInt(fnv1a(id, 0x01000193));
  if (limits!.numericIds) {
    const digits = BigInt(Math.min(limits!.idLength ?? LONGEST_NUMERIC_ID, LONGEST_NUMERIC_ID));
    const lowest = 10n ** (digits - 1n);
    return String(lowest + (hash % (9n * lowest)));
  }
  const written = hash.toString(36).padStart(13, '0');
  return written.slice(written.length - Math.min(limits!.idLength!, 13));
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
 * Nodes one order message may hold for this robot (`maxArrayLens` order.nodes, and order.edges plus the node it starts
 * from), or undefined when it declares neither.
 */
export function nodesPerOrder(limits: OrderLimits | undefined): number | undefined {
  const byEdges = limits?.edges === undefined ? undefined : limits.edges + 1;
  if (limits?.nodes === undefined) return byEdges;
  return byEdges === undefined ? limits.nodes : Math.min(limits.nodes, byEdges);
}

/** The nodes (indices into the mission, both ends included) of one order message: the first, or an order update. */
export interface OrderStage {
  readonly from: number;
  readonly to: number;
}

/**
 * How a route of `count` nodes goes out to a robot that takes at most `perOrder` nodes in one order (VDA 5050 §6.6.2,
 * order updates): up to the first `perOrder` nodes as the order, then updates, each starting at the last node of the
 * base before it (the stitching node, sent again unchanged) and adding up to half as many nodes (at least one). An
 * update is sent once the robot has so few nodes left to traverse that with the new ones it holds no more than
 * `perOrder` (OrderStaging), so it never holds more nodes than it declared, and it gets the next nodes well before it
 * reaches the end of its base. A stage ends, where it can, on a node without actions (`hasActions`): the stitching
 * node is then the same whether a vehicle keeps the first message's copy of it, as the spec says, or adds the
 * update's actions to it (vda-5050-lib 1.4.0 does, and would run them twice). One stage when the route fits; none is
 * possible under two nodes an order.
 */
export function orderStages(count: number, perOrder: number | undefined, hasActions: (index: number) => boolean = () => false): OrderStage[] {
  if (perOrder === undefined || count <= perOrder || perOrder < 2) return [{ from: 0, to: Math.max(0, count - 1) }];
  const added = Math.max(1, Math.floor(perOrder / 2));
  const endOf = (from: number, farthest: number): number => {
    if (farthest >= count - 1) return count - 1;
    for (let to = farthest; to > from; to--) if (!hasActions(to)) return to;
    return farthest;
  };
  const stages: OrderStage[] = [{ from: 0, to: endOf(0, perOrder - 1) }];
  while (stages.at(-1)!.to < count - 1) {
    const from = stages.at(-1)!.to;
    stages.push({ from, to: endOf(from, from + added) });
  }
  return stages;
}

/** The stages of a mission for a robot that takes `perOrder` nodes an order (orderStages, by the nodes' actions). */
export function missionStages(mission: Mission, perOrder: number | undefined): OrderStage[] {
  return orderStages(mission.nodes.length, perOrder, (index) => mission.nodes[index]!.actions.length > 0);
}

/** One stage of a mission as it goes out (see Mission.part): the stage's nodes, numbered as in the whole route. */
export function missionStage(mission: Mission, stages: readonly OrderStage[], index: number): Mission {
  if (stages.length === 1) return mission;
  const { from, to } = stages[index]!;
  return { ...mission, nodes: mission.nodes.slice(from, to + 1), part: { updateId: index, from } };
}

/**
 * Whether the mission, as the order it becomes, fits what the robot declared it can process (VDA 5050 factsheet
 * `protocolLimits`): a vehicle refuses an order over its limits, so such an order is not sent. Undefined when it fits,
 * or when no limits are known. A route longer than the robot takes in one order fits when it can go out in order
 * updates (`orderStages`: two nodes an order at least); `messageBytes`: the size of an order message (the link's),
 * asked for each stage, only for a robot that declares `msgLen`.
 */
export function orderLimitProblem(mission: Mission, limits: OrderLimits | undefined, messageBytes?: (stage: Mission) => number | undefined): OrderLimitProblem | undefined {
  if (!limits) return undefined;
  const perOrder = nodesPerOrder(limits);
  const stages = missionStages(mission, perOrder);
  if (limits.messageBytes !== undefined && messageBytes) {
    for (let i = 0; i < stages.length; i++) {
      const bytes = messageBytes(missionStage(mission, stages, i));
      if (bytes !== undefined && bytes > limits.messageBytes) {
        return { limit: 'maxStringLens.msgLen', problem: `the order message has ${bytes} bytes, the robot takes at most ${limits.messageBytes}` };
      }
    }
  }
  // in order updates, each message within the limits
  const longest = Math.max(...stages.map((stage) => stage.to - stage.from + 1));
  if (limits.nodes !== undefined && longest > limits.nodes) {
    return { limit: 'maxArrayLens.order.nodes', problem: `the order has ${longest} nodes, the robot takes at most ${limits.nodes}` };
  }
  const nodes = mission.nodes;
  const edges = Math.max(0, longest - 1);
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
  const seen = new Set<string>();
  for (const [what, id] of orderIds(mission, (ours) => compactId(ours, limits))) {
    // (node ids repeat where a route passes a node twice; ids of our making must not)
    if (what !== 'nodeId' && what !== 'mapId' && what !== 'edgeId') {
      if (seen.has(id)) return { limit: 'maxStringLens.idLen', problem: `${what} "${id}" would be written twice in one order at the robot's id length` };
      seen.add(id);
    }
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
    yield ['nodeId', isTemporaryNodeId(node.nodeId) ? written(node.nodeId) : node.nodeId];
    yield ['mapId', node.floor];
    for (const action of node.actions) yield ['actionId', written(action.id)];
    if (previous !== undefined) yield ['edgeId', written(missionEdgeId(previous, node.nodeId))];
    // (an edge's start and end are its nodes' ids as written: checked with the nodes)
    previous = node.nodeId;
  }
}
