import { checkUniqueIds, Problems } from '../shared/json-reader';
import type { FacilityData, FacilityEdge, FacilityNode } from './facility';
import { parseQuietHours } from './quiet-hours';

/** Cross-reference rules of a facility whose fields each already have the right type. */
export function checkFacilityReferences(data: FacilityData, problems: Problems): void {
  checkTimezone(data.timezone, problems);
  checkUniqueIds(data.floors.map((f) => f.id), 'floor', problems);
  checkUniqueIds(data.nodes.map((n) => n.id), 'node', problems);
  checkUniqueIds(data.elevators.map((e) => e.id), 'elevator', problems);
  checkUniqueIds(data.rooms.map((r) => r.id), 'room', problems);
  checkUniqueIds(data.zones.map((z) => z.id), 'zone', problems);
  checkFloorLevels(data, problems);
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const shaftOf = checkElevators(data, nodes, problems);
  checkNodes(data, shaftOf, problems);
  data.edges.forEach((edge, i) => checkEdge(edge, i, data, nodes, shaftOf, problems));
  checkRooms(data, nodes, problems);
  checkZones(data, nodes, problems);
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function checkTimezone(timezone: string, problems: Problems): void {
  if (timezone !== '' && !isValidTimezone(timezone)) {
    problems.add(`facility: timezone "${timezone}" is not an IANA time zone`);
  }
}

function checkFloorLevels(data: FacilityData, problems: Problems): void {
  const byLevel = new Map<number, string>();
  for (const floor of data.floors) {
    const other = byLevel.get(floor.level);
    if (other !== undefined) problems.add(`floor ${floor.id}: level ${floor.level} is also the level of floor ${other}`);
    byLevel.set(floor.level, floor.id);
  }
}

/** Returns node id → elevator id for every node an elevator lists. */
function checkElevators(data: FacilityData, nodes: Map<string, FacilityNode>, problems: Problems): Map<string, string> {
  const shaftOf = new Map<string, string>();
  for (const elevator of data.elevators) {
    const floorsServed = new Set<string>();
    for (const nodeId of elevator.nodes) {
      const node = nodes.get(nodeId);
      const owner = shaftOf.get(nodeId);
      if (!node) problems.add(`elevator ${elevator.id}: unknown node ${nodeId}`);
      else if (floorsServed.has(node.floor)) problems.add(`elevator ${elevator.id}: two nodes on floor ${node.floor}`);
      if (owner !== undefined) problems.add(`elevator ${elevator.id}: node ${nodeId} also belongs to elevator ${owner}`);
      if (node) floorsServed.add(node.floor);
      shaftOf.set(nodeId, elevator.id);
    }
  }
  return shaftOf;
}

function checkNodes(data: FacilityData, shaftOf: Map<string, string>, problems: Problems): void {
  const floors = new Set(data.floors.map((f) => f.id));
  const rooms = new Set(data.rooms.map((r) => r.id));
  for (const node of data.nodes) {
    if (!floors.has(node.floor)) problems.add(`node ${node.id}: unknown floor ${node.floor}`);
    if (node.room !== undefined && !rooms.has(node.room)) problems.add(`node ${node.id}: unknown room ${node.room}`);
    if (node.elevator !== undefined && shaftOf.get(node.id) !== node.elevator) {
      problems.add(`node ${node.id}: elevator ${node.elevator} does not list this node`);
    }
  }
}

function checkEdge(
  edge: FacilityEdge,
  index: number,
  data: FacilityData,
  nodes: Map<string, FacilityNode>,
  shaftOf: Map<string, string>,
  problems: Problems,
): void {
  const where = `edge #${index} (${edge.from} → ${edge.to})`;
  const from = nodes.get(edge.from);
  const to = nodes.get(edge.to);
  if (!from) problems.add(`${where}: unknown node ${edge.from}`);
  if (!to) problems.add(`${where}: unknown node ${edge.to}`);
  if (!from || !to) return;
  if (edge.from === edge.to) problems.add(`${where}: joins a node to itself`);
  if (edge.kind === 'elevator') {
    checkElevatorEdge(edge, where, from, to, data, shaftOf, problems);
  } else if (from.floor !== to.floor) {
    problems.add(`${where}: joins floors ${from.floor} and ${to.floor}; only an elevator edge may`);
  }
}

function checkElevatorEdge(
  edge: FacilityEdge,
  where: string,
  from: FacilityNode,
  to: FacilityNode,
  data: FacilityData,
  shaftOf: Map<string, string>,
  problems: Problems,
): void {
  const shaft = shaftOf.get(from.id);
  if (shaft === undefined || shaft !== shaftOf.get(to.id)) {
    problems.add(`${where}: an elevator edge must join two nodes of the same elevator`);
  } else if (edge.elevator !== undefined && edge.elevator !== shaft) {
    problems.add(`${where}: names elevator ${edge.elevator} but its nodes belong to ${shaft}`);
  }
  const level = (floorId: string) => data.floors.find((f) => f.id === floorId)?.level;
  const a = level(from.floor);
  const b = level(to.floor);
  if (a !== undefined && b !== undefined && Math.abs(a - b) !== 1) {
    problems.add(`${where}: an elevator edge must join adjacent floors (levels ${a} and ${b})`);
  }
}

function checkRooms(data: FacilityData, nodes: Map<string, FacilityNode>, problems: Problems): void {
  const floors = new Set(data.floors.map((f) => f.id));
  for (const room of data.rooms) {
    const node = nodes.get(room.node);
    if (!floors.has(room.floor)) problems.add(`room ${room.id}: unknown floor ${room.floor}`);
    if (!node) problems.add(`room ${room.id}: unknown node ${room.node}`);
    else if (node.floor !== room.floor) problems.add(`room ${room.id}: node ${room.node} is on floor ${node.floor}`);
  }
}

function checkZones(data: FacilityData, nodes: Map<string, FacilityNode>, problems: Problems): void {
  for (const zone of data.zones) {
    for (const nodeId of zone.nodes) {
      if (!nodes.has(nodeId)) problems.add(`zone ${zone.id}: unknown node ${nodeId}`);
    }
    if (zone.quietHours !== undefined && !parseQuietHours(zone.quietHours)) {
      problems.add(`zone ${zone.id}: quietHours "${zone.quietHours}" must be HH:MM-HH:MM (00:00–23:59, start ≠ end)`);
    }
  }
}
