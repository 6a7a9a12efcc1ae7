import type { ActionScope, Order, OrderNode, VdaError } from '../protocol';
import { orderStructureProblem } from './order-structure';
import type { VehicleLimits } from './vehicle-config';
import { ErrorType, actionReferences, orderReferences, ref, warning } from './vehicle-errors';

export type OrderDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'update' }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'reject'; readonly error: VdaError };

/** What the vehicle tells the decision about itself; kept narrow so the rules test without a vehicle. */
export interface OrderContext {
  readonly orderId: string;
  readonly orderUpdateId: number;
  /** Still traversing, holding a horizon or running order actions. */
  readonly busy: boolean;
  /** What one order may hold (its factsheet's protocolLimits). */
  readonly limits?: VehicleLimits;
  isBaseEnd(node: OrderNode): boolean;
  supports(actionType: string, scope: ActionScope): boolean;
  knowsPositionOf(node: OrderNode): boolean;
  /** The first node is where the vehicle stands or within its allowed deviation (§6.6.1). */
  canStartAt(node: OrderNode): boolean;
  /** A vehicle condition that forbids taking orders now (charging, FATAL error), if any. */
  refusal(): VdaError | undefined;
  injectedRejection(): boolean;
}

/** The order acceptance flow of VDA 5050 §6.6.2–§6.6.4 (figure 8), as one decision. */
export function decideOrder(order: Order, context: OrderContext): OrderDecision {
  const structure = orderStructureProblem(order);
  if (structure) {
    return reject(warning(ErrorType.validation, `${structure.field} ${structure.problem}`, [...orderReferences(order), ref('field', structure.field)]));
  }
  const over = overLimits(order, context.limits);
  if (over) return reject(warning(ErrorType.validation, over.problem, [...orderReferences(order), ref('field', over.field)]));
  const sameOrder = order.orderId === context.orderId;
  // A resent order is discarded before anything else, so the master's retry never produces a warning (§6.6.4.3).
  if (sameOrder && order.orderUpdateId === context.orderUpdateId) return { kind: 'ignore' };
  const unusable = unusableContent(order, context) ?? context.refusal();
  if (unusable) return reject(unusable);
  const flow = sameOrder ? decideUpdate(order, context) : decideNew(order, context);
  if (flow.kind !== 'reject' && context.injectedRejection()) {
    return reject(warning(ErrorType.order, 'simulated fault: order rejected by fault injection', orderReferences(order)));
  }
  return flow;
}

function decideUpdate(order: Order, context: OrderContext): OrderDecision {
  if (order.orderUpdateId < context.orderUpdateId) {
    const description = `orderUpdateId ${order.orderUpdateId} is older than the current ${context.orderUpdateId}`;
    return reject(warning(ErrorType.orderUpdate, description, orderReferences(order)));
  }
  if (!context.isBaseEnd(order.nodes[0])) {
    const first = order.nodes[0];
    const description = `update must start at the end of the current base, not ${first.nodeId}/${first.sequenceId}`;
    return reject(warning(ErrorType.orderUpdate, description, [...orderReferences(order), ref('nodeId', first.nodeId)]));
  }
  return { kind: 'update' };
}

function decideNew(order: Order, context: OrderContext): OrderDecision {
  if (context.busy) {
    const description = `still executing order ${context.orderId}; cancel it or send an update of it`;
    return reject(warning(ErrorType.order, description, orderReferences(order)));
  }
  const first = order.nodes[0];
  if (!context.canStartAt(first)) {
    const description = `first node ${first.nodeId} is neither the current node nor within its allowed deviation`;
    return reject(warning(ErrorType.noRoute, description, [...orderReferences(order), ref('nodeId', first.nodeId)]));
  }
  return { kind: 'new' };
}

/** An order over the limits the factsheet declares: the vehicle cannot hold it (§6.6.4.1, validationError). */
function overLimits(order: Order, limits: VehicleLimits | undefined): { field: string; problem: string } | undefined {
  if (!limits) return undefined;
  if (limits.orderNodes !== undefined && order.nodes.length > limits.orderNodes) {
    return { field: 'nodes', problem: `order has ${order.nodes.length} nodes; this vehicle processes at most ${limits.orderNodes} (factsheet maxArrayLens order.nodes)` };
  }
  if (limits.idLength === undefined) return undefined;
  const ids: Array<[string, string]> = [['orderId', order.orderId]];
  for (const node of order.nodes) {
    ids.push(['nodeId', node.nodeId]);
    if (node.nodePosition) ids.push(['mapId', node.nodePosition.mapId]);
    for (const action of node.actions) ids.push(['actionId', action.actionId]);
  }
  for (const edge of order.edges) ids.push(['edgeId', edge.edgeId], ['startNodeId', edge.startNodeId], ['endNodeId', edge.endNodeId]);
  const long = ids.find(([, id]) => id.length > limits.idLength!);
  return long ? { field: long[0], problem: `${long[0]} "${long[1]}" is longer than the ${limits.idLength} characters this vehicle processes (factsheet maxStringLens idLen)` } : undefined;
}

/** §6.6.4.2: actions the vehicle cannot perform, or nodes it cannot place, reject the whole order. */
function unusableContent(order: Order, context: OrderContext): VdaError | undefined {
  for (const node of order.nodes) {
    for (const action of node.actions) {
      if (!context.supports(action.actionType, 'NODE')) {
        const description = `cannot perform node action ${action.actionType}`;
        return warning(ErrorType.order, description, [...orderReferences(order), ref('nodeId', node.nodeId), ...actionReferences(action)]);
      }
    }
    if (node.released && !context.knowsPositionOf(node)) {
      const description = `node ${node.nodeId} has no nodePosition and is not on the vehicle's map`;
      return warning(ErrorType.order, description, [...orderReferences(order), ref('nodeId', node.nodeId)]);
    }
  }
  for (const edge of order.edges) {
    for (const action of edge.actions) {
      if (!context.supports(action.actionType, 'EDGE')) {
        const description = `cannot perform edge action ${action.actionType}`;
        return warning(ErrorType.order, description, [...orderReferences(order), ref('edgeId', edge.edgeId), ...actionReferences(action)]);
      }
    }
  }
  return undefined;
}

function reject(error: VdaError): OrderDecision {
  return { kind: 'reject', error };
}
