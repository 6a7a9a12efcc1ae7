import type { Facility, FacilityNode } from '../api/contract';

export type Room = Facility['rooms'][number];
export type Floor = Facility['floors'][number];
export type Elevator = Facility['elevators'][number];

/** Lookups over any facility file (nothing here knows the demo building's ids). */
export class FacilityIndex {
  readonly floors: readonly Floor[];
  private readonly nodes = new Map<string, FacilityNode>();
  private readonly roomsByNode = new Map<string, Room>();
  private readonly floorsById = new Map<string, Floor>();
  private readonly elevatorsByNode = new Map<string, Elevator>();
  private readonly kinds = new Map<string, FacilityNode[]>();

  constructor(readonly data: Facility) {
    this.floors = [...data.floors].sort((a, b) => a.level - b.level);
    for (const floor of data.floors) this.floorsById.set(floor.id, floor);
    for (const node of data.nodes) {
      this.nodes.set(node.id, node);
      const list = this.kinds.get(node.kind) ?? [];
      list.push(node);
      this.kinds.set(node.kind, list);
    }
    for (const room of data.rooms) this.roomsByNode.set(room.node, room);
    for (const elevator of data.elevators) for (const id of elevator.nodes) this.elevatorsByNode.set(id, elevator);
  }

  get timezone(): string {
    return this.data.timezone;
  }

  node(id: string | undefined): FacilityNode | undefined {
    return id === undefined ? undefined : this.nodes.get(id);
  }

  floor(id: string | undefined): Floor | undefined {
    return id === undefined ? undefined : this.floorsById.get(id);
  }

  roomAt(nodeId: string | undefined): Room | undefined {
    return nodeId === undefined ? undefined : this.roomsByNode.get(nodeId);
  }

  nodesOfKind(kind: string): readonly FacilityNode[] {
    return this.kinds.get(kind) ?? [];
  }

  elevatorAt(nodeId: string | undefined): Elevator | undefined {
    return nodeId === undefined ? undefined : this.elevatorsByNode.get(nodeId);
  }

  nodesOnFloor(floorId: string): FacilityNode[] {
    return this.data.nodes.filter((n) => n.floor === floorId);
  }

  roomsOnFloor(floorId: string): Room[] {
    return this.data.rooms.filter((r) => r.floor === floorId).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  }

  /** Rooms by floor, in floor order; for the room picker. */
  roomsByFloor(): { floor: Floor; rooms: Room[] }[] {
    return this.floors.map((floor) => ({ floor, rooms: this.roomsOnFloor(floor.id) })).filter((g) => g.rooms.length > 0);
  }

  /** How staff name a place: the room number, else the node's label, else its id. */
  placeName(nodeId: string | undefined): string {
    if (!nodeId) return '';
    const room = this.roomAt(nodeId);
    if (room) return room.id;
    return this.node(nodeId)?.label ?? nodeId;
  }
}
