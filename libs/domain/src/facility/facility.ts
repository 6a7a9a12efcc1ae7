/** A facility map as loaded from a facility file (see docs/architecture.md, "Facility format"). */
export interface Floor {
  readonly id: string;
  readonly name: string;
  readonly level: number;
}

export interface FacilityNode {
  readonly id: string;
  readonly floor: string;
  readonly x: number;
  readonly y: number;
  /** corridor, room, elevator, charger, kitchen, … — unknown kinds are kept as they are. */
  readonly kind: string;
  readonly label?: string;
  readonly room?: string;
  readonly elevator?: string;
}

export type EdgeKind = 'corridor' | 'door' | 'elevator' | (string & {});

export interface FacilityEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Elevator edges may name their shaft; when they do it must match the elevators list. */
  readonly elevator?: string;
}

export interface Elevator {
  readonly id: string;
  readonly nodes: readonly string[];
  readonly capacity: number;
  readonly secondsPerFloor: number;
  readonly doorSeconds: number;
}

export interface Room {
  readonly id: string;
  readonly floor: string;
  readonly node: string;
  readonly beds: number;
  /** No camera may be used in this room: camera actions (patrol checks, telepresence) skip it. */
  readonly noCamera?: boolean;
}

export interface Zone {
  readonly id: string;
  readonly nodes: readonly string[];
  /** Local time range `HH:MM-HH:MM`, may wrap midnight. */
  readonly quietHours?: string;
  /** m/s */
  readonly maxSpeed?: number;
}

export interface FacilityData {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly floors: readonly Floor[];
  readonly nodes: readonly FacilityNode[];
  readonly edges: readonly FacilityEdge[];
  readonly elevators: readonly Elevator[];
  readonly rooms: readonly Room[];
  readonly zones: readonly Zone[];
}
