// Builders for hand-written orders in robot-sim tests; positions come from the tiny facility below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimClock } from '../src/clock/sim-clock';
import { ElevatorBank } from '../src/elevator/elevator-bank';
import { parseFacility } from '../src/facility/facility.loader';
import type { SimFacility } from '../src/facility/sim-facility';
import type { Action, BlockingType, InstantActions, Order, OrderEdge, OrderNode } from '../src/protocol';
import type { VehicleConfig } from '../src/vehicle/vehicle-config';
import { VirtualVehicle } from '../src/vehicle/virtual-vehicle';

export const TINY_FACILITY_FILE = join(__dirname, 'tiny-facility.json');

export function tinyFacility(): SimFacility {
  return parseFacility(JSON.parse(readFileSync(TINY_FACILITY_FILE, 'utf8')), TINY_FACILITY_FILE);
}

export interface World {
  readonly clock: SimClock;
  readonly facility: SimFacility;
  readonly elevators: ElevatorBank;
}

export function tinyWorld(): World {
  const facility = tinyFacility();
  return { clock: new SimClock(Date.UTC(2026, 10, 23, 6)), facility, elevators: new ElevatorBank(facility) };
}

export function carrierConfig(overrides: Partial<VehicleConfig> = {}): VehicleConfig {
  return {
    manufacturer: 'TestSim',
    serialNumber: 'T-1',
    model: 'carrier',
    actions: ['pick', 'drop', 'deliverMedication'],
    speed: 1,
    battery: 80,
    startNodeId: 'F0-dock',
    ...overrides,
  };
}

export function vehicleIn(world: World, overrides: Partial<VehicleConfig> = {}): VirtualVehicle {
  return new VirtualVehicle(carrierConfig(overrides), world);
}

export function action(actionType: string, actionId: string, blockingType: BlockingType = 'HARD', parameters: Record<string, unknown> = {}): Action {
  const actionParameters = Object.entries(parameters).map(([key, value]) => ({ key, value: value as never }));
  return { actionType, actionId, blockingType, ...(actionParameters.length ? { actionParameters } : {}) };
}

export interface OrderOptions {
  orderId?: string;
  orderUpdateId?: number;
  /** Actions per node id (applied to the first occurrence of that node in the path). */
  actions?: Record<string, Action[]>;
  /** How many leading nodes are released (default all). */
  released?: number;
  /** sequenceId of the first node (default 0), for updates. */
  firstSequenceId?: number;
  maxSpeed?: number;
}

/** An order along `path` (node ids of the tiny facility), sequenceIds 0, 1, 2… as §6.6.2 numbers them. */
export function orderThrough(facility: SimFacility, path: string[], options: OrderOptions = {}): Order {
  const released = options.released ?? path.length;
  const first = options.firstSequenceId ?? 0;
  const seen = new Set<string>();
  const nodes: OrderNode[] = path.map((nodeId, index) => {
    const mapNode = facility.nodes.get(nodeId);
    if (!mapNode) throw new Error(`no node ${nodeId} in the tiny facility`);
    const actions = !seen.has(nodeId) ? (options.actions?.[nodeId] ?? []) : [];
    seen.add(nodeId);
    return {
      nodeId,
      sequenceId: first + index * 2,
      released: index < released,
      nodePosition: { x: mapNode.x, y: mapNode.y, mapId: mapNode.floor },
      actions,
    };
  });
  const edges: OrderEdge[] = path.slice(1).map((nodeId, index) => ({
    edgeId: `${path[index]}--${nodeId}`,
    sequenceId: first + index * 2 + 1,
    released: index + 1 < released,
    startNodeId: path[index],
    endNodeId: nodeId,
    actions: [],
    ...(options.maxSpeed !== undefined ? { maxSpeed: options.maxSpeed } : {}),
  }));
  return {
    headerId: 1,
    timestamp: '2026-11-23T06:00:00.00Z',
    version: '2.0.0',
    manufacturer: 'TestSim',
    serialNumber: 'T-1',
    orderId: options.orderId ?? 'order-1',
    orderUpdateId: options.orderUpdateId ?? 0,
    nodes,
    edges,
  };
}

export function instant(...actions: Action[]): InstantActions {
  return {
    headerId: 1,
    timestamp: '2026-11-23T06:00:00.00Z',
    version: '2.0.0',
    manufacturer: 'TestSim',
    serialNumber: 'T-1',
    actions,
  };
}

export function statusOf(vehicle: VirtualVehicle, actionId: string): string | undefined {
  return vehicle.state().actionStates.find((state) => state.actionId === actionId)?.actionStatus;
}

export function errorTypes(vehicle: VirtualVehicle): string[] {
  return vehicle.state().errors.map((error) => error.errorType);
}

/** Shortest path by hop count over the facility's edges (both ways), for tests that need a route in a real map. */
export function pathBetween(facility: SimFacility, from: string, to: string): string[] {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) break;
    for (const edge of facility.edges) {
      const next = edge.from === node ? edge.to : edge.to === node ? edge.from : undefined;
      if (next && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  if (!previous.has(to)) throw new Error(`no path from ${from} to ${to}`);
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0])!);
  return path;
}
