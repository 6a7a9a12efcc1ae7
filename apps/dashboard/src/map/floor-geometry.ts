import type { FacilityNode, Robot } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';

/** Facility y points up (metres); SVG y points down. */
export const toSvg = (x: number, y: number) => ({ x, y: -y });

export interface FloorLayout {
  readonly viewBox: string;
  readonly width: number;
  readonly height: number;
  /** Room box size, from how closely the floor's rooms sit. */
  readonly roomW: number;
  readonly roomH: number;
  /** Radius of service / charger / elevator symbols. */
  readonly symbolR: number;
  readonly corridorWidth: number;
}

function nearestSpacing(nodes: readonly FacilityNode[]): number {
  let best = Infinity;
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      const d = Math.hypot(nodes[i]!.x - nodes[j]!.x, nodes[i]!.y - nodes[j]!.y);
      if (d > 0.01 && d < best) best = d;
    }
  }
  return best;
}

/** Sizes a floor's drawing from its own nodes, so any facility file comes out legible. */
export function layoutFloor(facility: FacilityIndex, floorId: string): FloorLayout {
  const nodes = facility.nodesOnFloor(floorId);
  if (nodes.length === 0) return { viewBox: '0 0 10 10', width: 10, height: 10, roomW: 3, roomH: 2, symbolR: 1, corridorWidth: 1.5 };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => -n.y);
  const rooms = nodes.filter((n) => facility.roomAt(n.id));
  const roomSpacing = nearestSpacing(rooms);
  const roomW = Math.min(4.2, Number.isFinite(roomSpacing) ? roomSpacing * 0.84 : 4);
  const roomH = Math.min(3.2, roomW * 0.75);
  const placed = nodes.filter((n) => n.kind !== 'corridor');
  const spacing = nearestSpacing(placed);
  const symbolR = Math.max(0.5, Math.min(1.0, Number.isFinite(spacing) ? spacing * 0.4 : 1));
  const margin = Math.max(roomW, 3) + 1;
  const minX = Math.min(...xs) - margin;
  const minY = Math.min(...ys) - margin;
  const width = Math.max(...xs) - Math.min(...xs) + 2 * margin;
  const height = Math.max(...ys) - Math.min(...ys) + 2 * margin;
  return { viewBox: `${minX} ${minY} ${width} ${height}`, width, height, roomW, roomH, symbolR, corridorWidth: Math.min(1.8, roomH * 0.55) };
}

/** The floor a robot is on: its reported map, else the floor of the node it last passed. */
export function robotFloor(robot: Robot, facility: FacilityIndex): string | undefined {
  return robot.floor ?? facility.node(robot.lastNodeId)?.floor;
}

/** Where to draw a robot (facility metres): its reported position, else its last node. */
export function robotPoint(robot: Robot, facility: FacilityIndex): { x: number; y: number; theta: number } | undefined {
  if (robot.position) return robot.position;
  const node = facility.node(robot.lastNodeId);
  return node ? { x: node.x, y: node.y, theta: 0 } : undefined;
}

/** A robot riding (or boarding) an elevator: it stands on an elevator node and is on its way. */
export function elevatorRide(robot: Robot, facility: FacilityIndex): string | undefined {
  const elevator = facility.elevatorAt(robot.lastNodeId);
  if (!elevator || robot.state === 'offline') return undefined;
  const node = facility.node(robot.lastNodeId);
  const point = robotPoint(robot, facility);
  const atShaft = node && point ? Math.hypot(node.x - point.x, node.y - point.y) < 1.5 : false;
  return atShaft && (robot.state === 'moving' || robot.currentTaskId !== undefined) ? elevator.id : undefined;
}

export const SERVICE_KINDS = new Set(['kitchen', 'pharmacy', 'laundry', 'storage', 'lab', 'rehab', 'reception', 'dayroom', 'nurse-station', 'utility']);

/**
 * Markers of robots standing (nearly) on one spot — two robots parked at one node, a robot at a charger beside one
 * waiting — spread on a small circle around it, so each can be seen and picked; a robot alone stays where it is.
 * Deterministic (by id), so markers do not swap places between renders.
 */
export function spreadOverlapping<T extends { readonly id: string; readonly x: number; readonly y: number }>(points: readonly T[], radius = 0.9, tolerance = 0.3): T[] {
  const groups = new Map<string, T[]>();
  for (const point of points) {
    const key = `${Math.round(point.x / tolerance)}:${Math.round(point.y / tolerance)}`;
    const group = groups.get(key);
    if (group) group.push(point);
    else groups.set(key, [point]);
  }
  const moved = new Map<string, T>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sorted.forEach((point, k) => {
      const angle = (2 * Math.PI * k) / sorted.length + Math.PI / 2;
      moved.set(point.id, { ...point, x: point.x + radius * Math.cos(angle), y: point.y + radius * Math.sin(angle) });
    });
  }
  return points.map((point) => moved.get(point.id) ?? point);
}
