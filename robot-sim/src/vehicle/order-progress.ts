import type { EdgeState, NodeState, Order, OrderEdge, OrderNode } from '../protocol';

export interface NodeRef {
  readonly nodeId: string;
  readonly sequenceId: number;
}

/**
 * The part of the current order still ahead of the vehicle (§6.10.1: nodeStates and edgeStates hold what is left to
 * traverse) and where its base ends, which an order update must start from (§6.6.2).
 */
export class OrderProgress {
  orderId = '';
  orderUpdateId = 0;
  /** Nodes not yet traversed, base then horizon. */
  private nodes: OrderNode[] = [];
  /** Edges not yet left; the first is the one being driven while the vehicle is between nodes. */
  private edges: OrderEdge[] = [];
  private baseEnd: NodeRef | undefined;
  /** Set by cancelOrder; a cancelled order cannot be cancelled again (§6.6.3.2). */
  cancelled = false;

  /** Takes a new order; the caller traverses its first node right away. */
  start(order: Order): void {
    this.orderId = order.orderId;
    this.orderUpdateId = order.orderUpdateId;
    this.nodes = [...order.nodes];
    this.edges = [...order.edges];
    this.baseEnd = lastReleased(order.nodes);
    this.cancelled = false;
  }

  /**
   * Appends an update whose first node is the current base end. That stitching node keeps its original content
   * (§6.6.2), so the update's copy of it and the old horizon are dropped. Returns the newly released nodes.
   */
  stitch(order: Order): OrderNode[] {
    this.nodes = this.nodes.filter((node) => node.released).concat(order.nodes.slice(1));
    this.edges = this.edges.filter((edge) => edge.released).concat(order.edges);
    this.orderUpdateId = order.orderUpdateId;
    this.baseEnd = lastReleased(order.nodes);
    return order.nodes.slice(1).filter((node) => node.released);
  }

  isBaseEnd(node: NodeRef): boolean {
    return this.baseEnd?.nodeId === node.nodeId && this.baseEnd?.sequenceId === node.sequenceId;
  }

  /** Still something to traverse, base or horizon ("executing or waiting for an update", §6.6 figure 8). */
  get hasRoute(): boolean {
    return this.nodes.length > 0;
  }

  peekNode(): OrderNode | undefined {
    return this.nodes[0];
  }

  /** The node after `edge`, whatever its release state. */
  nodeAfter(edge: OrderEdge): OrderNode | undefined {
    return this.nodes.find((node) => node.nodeId === edge.endNodeId && node.sequenceId > edge.sequenceId);
  }

  /** The next edge to enter, only if released: the vehicle never drives into the horizon. */
  nextReleasedEdge(): OrderEdge | undefined {
    const edge = this.edges[0];
    return edge?.released ? edge : undefined;
  }

  /** Marks the next node as traversed, which also means leaving the edge that led to it (§6.10.2). */
  traverseNext(): OrderNode | undefined {
    const node = this.nodes.shift();
    if (node && this.edges[0]?.endNodeId === node.nodeId && this.edges[0].sequenceId < node.sequenceId) this.edges.shift();
    return node;
  }

  clearRoute(): void {
    this.nodes = [];
    this.edges = [];
  }

  nodeStates(): NodeState[] {
    return this.nodes.map((node) => {
      const state: NodeState = { nodeId: node.nodeId, sequenceId: node.sequenceId, released: node.released };
      if (node.nodeDescription) state.nodeDescription = node.nodeDescription;
      if (node.nodePosition) state.nodePosition = { ...node.nodePosition };
      return state;
    });
  }

  edgeStates(): EdgeState[] {
    return this.edges.map((edge) => {
      const state: EdgeState = { edgeId: edge.edgeId, sequenceId: edge.sequenceId, released: edge.released };
      if (edge.edgeDescription) state.edgeDescription = edge.edgeDescription;
      return state;
    });
  }
}

function lastReleased(nodes: readonly OrderNode[]): NodeRef | undefined {
  const base = nodes.filter((node) => node.released);
  const last = base[base.length - 1];
  return last && { nodeId: last.nodeId, sequenceId: last.sequenceId };
}
