import type { Random } from '@opiekun/robot-sim';

export interface FacilitySpec {
  readonly floors: number;
  /** Robots the building must hold: chargers and elevators grow with them. */
  readonly robots: number;
  readonly random: Random;
  /** Seed the building was generated from, in its id (a scenario of another seed's building then fails to load). */
  readonly seed?: number;
}

/** The services every generated building has on its ground floor, with the node kinds of the facility format. */
export const SERVICES = ['kitchen', 'pharmacy', 'laundry', 'storage', 'lab'] as const;

type Json = Record<string, unknown>;

/**
 * A care-centre-like building in the facility format (assets/facilities/FORMAT.md), never the demo's: every floor a
 * corridor with resident rooms on both sides (slow zone), a nurse station and chargers; the services on the ground
 * floor; elevators spread along the corridor (more for a bigger fleet). Sizes come from the robot count so a large
 * fleet gets a large building; positions are jittered by the seed.
 */
export function generateFacility(spec: FacilitySpec): Json {
  const { floors, random } = spec;
  const roomsPerSide = Math.max(6, Math.ceil(spec.robots / floors));
  const spacing = 4 + Math.floor(random() * 3);
  const corridorLength = roomsPerSide + 4;
  const elevatorCount = Math.max(2, Math.ceil(spec.robots / 40));
  const chargersPerFloor = Math.max(1, Math.ceil((spec.robots * 0.8) / floors));
  const nodes: Json[] = [];
  const edges: Json[] = [];
  const rooms: Json[] = [];
  const zoneNodes: string[] = [];
  const elevatorAt = Array.from({ length: elevatorCount }, (_, i) => Math.round(((i + 1) * corridorLength) / (elevatorCount + 1)));
  const elevators = elevatorAt.map((_, i) => ({ id: `E${i + 1}`, nodes: [] as string[], capacity: 1 + Math.floor(random() * 2), secondsPerFloor: 5 + Math.floor(random() * 3), doorSeconds: 6 + Math.floor(random() * 5) }));
  for (let f = 0; f < floors; f++) {
    const floor = `L${f}`;
    const corridor = (i: number) => `${floor}-C${i}`;
    for (let i = 0; i < corridorLength; i++) {
      nodes.push({ id: corridor(i), floor, x: i * spacing, y: 0, kind: 'corridor' });
      if (i > 0) edges.push({ from: corridor(i - 1), to: corridor(i), kind: 'corridor' });
    }
    const side = (id: string, i: number, y: number, kind: string, extra: Json = {}) => {
      nodes.push({ id, floor, x: i * spacing + (random() - 0.5), y, kind, ...extra });
      edges.push({ from: corridor(i), to: id, kind: 'door' });
    };
    if (f === 0) SERVICES.forEach((service, s) => side(`${floor}-${service}`, 1 + s, s % 2 === 0 ? -5 : 5, service));
    else {
      for (let r = 0; r < roomsPerSide * 2; r++) {
        const id = `${floor}-R${String(r + 1).padStart(3, '0')}`;
        side(id, 2 + (r % roomsPerSide), r < roomsPerSide ? 5 : -5, 'room', { room: `${f}${String(r + 1).padStart(3, '0')}` });
        rooms.push({ id: `${f}${String(r + 1).padStart(3, '0')}`, floor, node: id, beds: 1 + Math.floor(random() * 2) });
        zoneNodes.push(id);
      }
      side(`${floor}-nurse`, corridorLength - 1, 5, 'nurse-station');
    }
    for (let c = 0; c < chargersPerFloor; c++) side(`${floor}-dock-${c + 1}`, c % corridorLength, c % 2 === 0 ? -8 : 8, 'charger');
    elevators.forEach((elevator, e) => {
      const id = `${floor}-${elevator.id}`;
      side(id, elevatorAt[e]!, -3, 'elevator', { elevator: elevator.id });
      elevator.nodes.push(id);
      if (f > 0) edges.push({ from: `L${f - 1}-${elevator.id}`, to: id, kind: 'elevator', elevator: elevator.id });
    });
  }
  return {
    id: `gen-${floors}f-${spec.robots}r${spec.seed === undefined ? '' : `-s${spec.seed}`}`,
    name: `Generated building, ${floors} floors, for ${spec.robots} robots`,
    timezone: 'Europe/Warsaw',
    floors: Array.from({ length: floors }, (_, f) => ({ id: `L${f}`, name: `Level ${f}`, level: f })),
    nodes,
    edges,
    elevators,
    rooms,
    zones: zoneNodes.length > 0 ? [{ id: 'resident-rooms', nodes: zoneNodes, quietHours: '22:00-06:00', maxSpeed: 0.4 + Math.round(random() * 2) / 10 }] : [],
  };
}
