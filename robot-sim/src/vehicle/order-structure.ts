import type { Order } from '../protocol';

/**
 * Graph rules of §6.6.1 that the JSON schema cannot express. Returns the first broken rule with the field it is
 * about, or undefined when the order is well formed. Kept lenient on sequenceId numbering (only increasing along
 * the path) because masters differ in where they start counting.
 */
export function orderStructureProblem(order: Order): { field: string; problem: string } | undefined {
  const { nodes, edges } = order;
  if (nodes.length === 0) return { field: 'nodes', problem: 'must hold at least one node' };
  if (edges.length !== nodes.length - 1) {
    return { field: 'edges', problem: `must hold nodes.length - 1 = ${nodes.length - 1} edges, got ${edges.length}` };
  }
  if (!nodes[0].released) return { field: 'nodes[0].released', problem: 'the first node must be released' };
  return edgeProblem(order) ?? releaseProblem(order);
}

function edgeProblem({ nodes, edges }: Order): { field: string; problem: string } | undefined {
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    if (edge.startNodeId !== nodes[i].nodeId || edge.endNodeId !== nodes[i + 1].nodeId) {
      return { field: `edges[${i}]`, problem: `must join ${nodes[i].nodeId} to ${nodes[i + 1].nodeId}` };
    }
    if (!(nodes[i].sequenceId < edge.sequenceId && edge.sequenceId < nodes[i + 1].sequenceId)) {
      return { field: `edges[${i}].sequenceId`, problem: 'must lie between the sequenceIds of its nodes' };
    }
  }
  return undefined;
}

function releaseProblem({ nodes, edges }: Order): { field: string; problem: string } | undefined {
  const baseNodes = nodes.findIndex((node) => !node.released);
  const baseEnd = baseNodes === -1 ? nodes.length : baseNodes;
  for (let i = baseEnd; i < nodes.length; i++) {
    if (nodes[i].released) return { field: `nodes[${i}].released`, problem: 'a released node cannot follow the horizon' };
  }
  for (let i = 0; i < edges.length; i++) {
    const shouldBeReleased = i + 1 < baseEnd;
    if (edges[i].released !== shouldBeReleased) {
      return { field: `edges[${i}].released`, problem: `must be ${shouldBeReleased}: edges are released exactly between released nodes` };
    }
  }
  return undefined;
}
