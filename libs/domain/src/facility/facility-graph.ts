import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Elevator, FacilityData, FacilityEdge, FacilityNode, Floor, Room, Zone } from './facility';

export interface Neighbour {
  readonly nodeId: string;
  readonly edge: FacilityEdge;
}

/**
 * A validated facility with its lookups. Build it with `loadFacility`; the constructor trusts its data.
 *
 * Zone speed rule: an edge is limited by the lowest `maxSpeed` of every zone that holds EITHER of its ends. A zone is
 * a set of nodes, often dead ends such as resident rooms off a corridor; with an "both ends inside" rule such a zone
 * would never slow anything down, and a robot has to be slow already while it drives into the zone.
 */
export class Facility {
  private readonly nodeById = new Map<string, FacilityNode>();
  private readonly floorById = new Map<string, Floor>();
  private readonly roomById = new Map<string, Room>();
  private readonly elevatorById = new Map<string, Elevator>();
  private readonly elevatorByNode = new Map<string, Elevator>();
  private readonly zonesByNode = new Map<string, Zone[]>();
  private readonly adjacency = new Map<string, Neighbour[]>();
  private readonly byKind = new Map<string, FacilityNode[]>();

  constructor(readonly data: FacilityData) {
    for (const floor of data.floors) this.floorById.set(floor.id, floor);
    for (const node of data.nodes) this.indexNode(node);
    for (const room of data.rooms) this.roomById.set(room.id, room);
    for (const elevator of data.elevators) this.indexElevator(elevator);
    for (const zone of data.zones) zone.nodes.forEach((id) => push(this.zonesByNode, id, zone));
    for (const edge of data.edges) {
      push(this.adjacency, edge.from, { nodeId: edge.to, edge });
      push(this.adjacency, edge.to, { nodeId: edge.from, edge });
    }
  }

  get id(): string {
    return this.data.id;
  }

  get timezone(): string {
    return this.data.timezone;
  }

  get nodes(): readonly FacilityNode[] {
    return this.data.nodes;
  }

  get floors(): readonly Floor[] {
    return this.data.floors;
  }

  hasNode(nodeId: string): boolean {
    return this.nodeById.has(nodeId);
  }

  findNode(nodeId: string): FacilityNode | undefined {
    return this.nodeById.get(nodeId);
  }

  /** @throws DomainError(UnknownNode) */
  node(nodeId: string): FacilityNode {
    const node = this.nodeById.get(nodeId);
    if (!node) throw new DomainError(DomainErrorCode.UnknownNode, `unknown node "${nodeId}"`, nodeId);
    return node;
  }

  floor(floorId: string): Floor | undefined {
    return this.floorById.get(floorId);
  }

  floorOf(nodeId: string): Floor {
    return this.floorById.get(this.node(nodeId).floor)!;
  }

  levelOf(nodeId: string): number {
    return this.floorOf(nodeId).level;
  }

  findRoom(roomId: string): Room | undefined {
    return this.roomById.get(roomId);
  }

  /** The node a robot stops at for a resident room. @throws DomainError(UnknownNode) */
  roomNode(roomId: string): FacilityNode {
    const room = this.roomById.get(roomId);
    if (!room) throw new DomainError(DomainErrorCode.UnknownNode, `unknown room "${roomId}"`, roomId);
    return this.node(room.node);
  }

  nodesOfKind(kind: string): readonly FacilityNode[] {
    return this.byKind.get(kind) ?? [];
  }

  chargers(): readonly FacilityNode[] {
    return this.nodesOfKind('charger');
  }

  elevator(elevatorId: string): Elevator | undefined {
    return this.elevatorById.get(elevatorId);
  }

  /** The elevator whose shaft this node is, if any. */
  elevatorOf(nodeId: string): Elevator | undefined {
    return this.elevatorByNode.get(nodeId);
  }

  neighbours(nodeId: string): readonly Neighbour[] {
    return this.adjacency.get(nodeId) ?? [];
  }

  /**
   * The node a pose on `floor` stands on: the nearest one within `withinM` metres, if any (a vehicle that reports no
   * lastNodeId — VDA 5050 allows "" — but its position is on a node).
   */
  nodeAt(floor: string, x: number, y: number, withinM: number): FacilityNode | undefined {
    let best: FacilityNode | undefined;
    let bestM = withinM;
    for (const node of this.data.nodes) {
      if (node.floor !== floor) continue;
      const m = Math.hypot(node.x - x, node.y - y);
      if (m <= bestM) {
        best = node;
        bestM = m;
      }
    }
    return best;
  }

  /** Straight-line distance in the floor plane, metres (an elevator ride drives none). */
  distanceBetween(a: string, b: string): number {
    const p = this.node(a);
    const q = this.node(b);
    return Math.hypot(p.x - q.x, p.y - q.y);
  }

  edgeLength(edge: FacilityEdge): number {
    return edge.kind === 'elevator' ? 0 : this.distanceBetween(edge.from, edge.to);
  }

  zonesOf(nodeId: string): readonly Zone[] {
    return this.zonesByNode.get(nodeId) ?? [];
  }

  /** Lowest speed limit of the zones holding the node, m/s; undefined when none limits it. */
  maxSpeedAt(nodeId: string): number | undefined {
    let limit: number | undefined;
    for (const zone of this.zonesOf(nodeId)) {
      if (zone.maxSpeed !== undefined && (limit === undefined || zone.maxSpeed < limit)) limit = zone.maxSpeed;
    }
    return limit;
  }

  /** Speed limit on the edge between two nodes (see the zone speed rule above); undefined when none. */
  edgeSpeedLimit(a: string, b: string): number | undefined {
    const la = this.maxSpeedAt(a);
    const lb = this.maxSpeedAt(b);
    if (la === undefined) return lb;
    return lb === undefined ? la : Math.min(la, lb);
  }

  private indexNode(node: FacilityNode): void {
    this.nodeById.set(node.id, node);
    push(this.byKind, node.kind, node);
  }

  private indexElevator(elevator: Elevator): void {
    this.elevatorById.set(elevator.id, elevator);
    for (const nodeId of elevator.nodes) this.elevatorByNode.set(nodeId, elevator);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
