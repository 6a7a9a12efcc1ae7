import { readFileSync } from 'node:fs';
import { JsonReader } from '../input/json-reader';
import { ElevatorSpec, SimEdge, SimFacility, SimFloor, SimNode } from './sim-facility';

/** Reads a facility file (format: assets/facilities/FORMAT.md), keeping only what a vehicle needs. */
export function loadFacility(file: string): SimFacility {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read facility ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseFacility(json, file);
}

export function parseFacility(json: unknown, source = 'facility'): SimFacility {
  const root = new JsonReader(source, json).object();
  const floors = uniqueById(root.at('floors').array().map(readFloor), root.at('floors'));
  const nodes = uniqueById(
    root.at('nodes').array().map((node) => readNode(node, floors)),
    root.at('nodes'),
  );
  const edges = root.at('edges').array().map((edge) => readEdge(edge, nodes));
  const elevators = root.at('elevators').present()
    ? root.at('elevators').array().map((elevator) => readElevator(elevator, nodes))
    : [];
  return { id: root.at('id').string(), floors, nodes, edges, elevators };
}

function readFloor(floor: JsonReader): SimFloor {
  floor.object();
  return { id: floor.at('id').string(), level: floor.at('level').number() };
}

function readNode(node: JsonReader, floors: ReadonlyMap<string, SimFloor>): SimNode {
  node.object();
  const floor = node.at('floor');
  if (!floors.has(floor.string())) floor.fail(`names unknown floor "${floor.string()}"`);
  return {
    id: node.at('id').string(),
    floor: floor.string(),
    x: node.at('x').number(),
    y: node.at('y').number(),
    // Unknown kinds are allowed by the format; only "charger" means something to a vehicle.
    kind: node.at('kind').string(),
  };
}

function readEdge(edge: JsonReader, nodes: ReadonlyMap<string, SimNode>): SimEdge {
  edge.object();
  return { from: knownNode(edge.at('from'), nodes), to: knownNode(edge.at('to'), nodes), kind: edge.at('kind').string() };
}

function readElevator(elevator: JsonReader, nodes: ReadonlyMap<string, SimNode>): ElevatorSpec {
  elevator.object();
  const stops = elevator.at('nodes').array();
  if (stops.length < 2) elevator.at('nodes').fail('must list at least two nodes');
  return {
    id: elevator.at('id').string(),
    nodes: stops.map((stop) => knownNode(stop, nodes)),
    capacity: elevator.at('capacity').positiveInteger(),
    secondsPerFloor: elevator.at('secondsPerFloor').nonNegative(),
    doorSeconds: elevator.at('doorSeconds').nonNegative(),
  };
}

function knownNode(reference: JsonReader, nodes: ReadonlyMap<string, SimNode>): string {
  const id = reference.string();
  if (!nodes.has(id)) reference.fail(`names unknown node "${id}"`);
  return id;
}

function uniqueById<T extends { id: string }>(items: T[], list: JsonReader): Map<string, T> {
  const byId = new Map<string, T>();
  items.forEach((item, index) => {
    if (byId.has(item.id)) list.at(index).at('id').fail(`duplicates "${item.id}"`);
    byId.set(item.id, item);
  });
  return byId;
}
