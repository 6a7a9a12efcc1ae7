/**
 * What a vehicle knows of the building: its map of nodes, the elevators it can ride and where it can charge.
 * Deliberately a reading of the facility file of its own, not the domain's model: a real robot gets a map, not our code.
 */
export interface SimFloor {
  readonly id: string;
  readonly level: number;
}

export interface SimNode {
  readonly id: string;
  readonly floor: string;
  readonly x: number;
  readonly y: number;
  readonly kind: string;
}

export interface SimEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
}

export interface ElevatorSpec {
  readonly id: string;
  readonly nodes: readonly string[];
  readonly capacity: number;
  readonly secondsPerFloor: number;
  readonly doorSeconds: number;
}

export interface SimFacility {
  readonly id: string;
  readonly floors: ReadonlyMap<string, SimFloor>;
  readonly nodes: ReadonlyMap<string, SimNode>;
  readonly edges: readonly SimEdge[];
  readonly elevators: readonly ElevatorSpec[];
}

export const CHARGER_NODE_KIND = 'charger';

export function chargerNodeIds(facility: SimFacility): string[] {
  return [...facility.nodes.values()].filter((node) => node.kind === CHARGER_NODE_KIND).map((node) => node.id);
}
