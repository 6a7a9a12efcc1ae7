import { readFileSync } from 'node:fs';
import { chargerNodeIds, SimFacility } from '../facility/sim-facility';
import { JsonReader } from '../input/json-reader';
import type { VehicleConfig } from '../vehicle/vehicle-config';

/** The two kinds `--robots N` alternates between, and what each can do. */
export const GENERATED_KINDS: ReadonlyArray<{ model: string; actions: readonly string[] }> = [
  { model: 'carrier', actions: ['pick', 'drop', 'deliverMedication'] },
  { model: 'care-assistant', actions: ['measureVitals', 'telepresence', 'pick', 'drop'] },
];
export const GENERATED_MANUFACTURER = 'OpiekunSim';

/** Reads the fleet of a shift scenario file (format: assets/scenarios/FORMAT.md): its `robots[]`. */
export function loadScenarioRobots(file: string, facility: SimFacility): VehicleConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read scenario ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseScenarioRobots(json, facility, file);
}

export function parseScenarioRobots(json: unknown, facility: SimFacility, source = 'scenario'): VehicleConfig[] {
  const root = new JsonReader(source, json).object();
  const facilityId = root.at('facility');
  if (facilityId.present() && facilityId.string() !== facility.id) {
    facilityId.fail(`is "${facilityId.string()}" but the simulator runs facility "${facility.id}"`);
  }
  const robots = root.at('robots').array();
  if (robots.length === 0) root.at('robots').fail('must list at least one robot');
  const configs = robots.map((robot) => readRobot(robot, facility));
  const serials = new Set<string>();
  configs.forEach((config, index) => {
    const key = `${config.manufacturer}/${config.serialNumber}`;
    if (serials.has(key)) robots[index].at('serialNumber').fail(`duplicates ${key}`);
    serials.add(key);
  });
  return configs;
}

function readRobot(robot: JsonReader, facility: SimFacility): VehicleConfig {
  robot.object();
  const start = robot.at('start');
  if (!facility.nodes.has(start.string())) start.fail(`names unknown node "${start.string()}"`);
  const battery = robot.at('battery');
  if (battery.nonNegative() > 100) battery.fail('must be a percentage between 0 and 100');
  return {
    manufacturer: robot.at('manufacturer').string(),
    serialNumber: robot.at('serialNumber').string(),
    model: robot.at('model').string(),
    actions: robot.at('actions').stringArray(),
    startNodeId: start.string(),
    speed: robot.at('speed').positive(),
    battery: battery.number(),
  };
}

/** `--robots N`: N robots spread round-robin over the facility's chargers, alternating carrier and care-assistant. */
export function generatedRobots(count: number, facility: SimFacility): VehicleConfig[] {
  const chargers = startNodes(facility);
  if (chargers.length === 0) throw new Error(`facility ${facility.id} has no node to place robots on (only elevators)`);
  return Array.from({ length: count }, (_, index) => {
    const kind = GENERATED_KINDS[index % GENERATED_KINDS.length];
    return {
      manufacturer: GENERATED_MANUFACTURER,
      serialNumber: `SIM-${String(index + 1).padStart(3, '0')}`,
      model: kind.model,
      actions: kind.actions,
      startNodeId: chargers[index % chargers.length],
      speed: 1,
      battery: 100,
    };
  });
}

/**
 * Where generated robots start: the chargers, or — in a building whose file has none (a charger is not a node every
 * map has) — every node but the elevators', in the file's order, so that the fleet still joins; it then never charges.
 */
function startNodes(facility: SimFacility): string[] {
  const chargers = chargerNodeIds(facility);
  return chargers.length > 0 ? chargers : [...facility.nodes.values()].filter((node) => node.kind !== 'elevator').map((node) => node.id);
}

/**
 * The fleet to simulate: a scenario's robots (the first `count` of them when a count is given) or `count` generated
 * ones; a count beyond the scenario's robots is filled up with generated robots.
 */
export function composeFleet(scenarioRobots: readonly VehicleConfig[] | undefined, count: number | undefined, facility: SimFacility): VehicleConfig[] {
  if (!scenarioRobots) return generatedRobots(count ?? 0, facility);
  const wanted = count ?? scenarioRobots.length;
  const extra = generatedRobots(Math.max(0, wanted - scenarioRobots.length), facility);
  return [...scenarioRobots.slice(0, wanted), ...extra];
}
