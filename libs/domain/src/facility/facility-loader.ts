import { DomainErrorCode } from '../shared/domain-error';
import { IndexedObject, isJsonObject, JsonReader, Problems } from '../shared/json-reader';
import type { Elevator, FacilityData, FacilityEdge, FacilityNode, Floor, Room, Zone } from './facility';
import { checkFacilityReferences } from './facility-checks';
import { Facility } from './facility-graph';

/**
 * Validates a facility file (see the facility format) and builds the graph. Every problem found is listed in one
 * `DomainError(FacilityInvalid)`: `details` holds them one by one. Item numbers (`edge #12`) are 0-based positions in
 * the file's lists. Unknown node kinds and unknown extra fields are accepted.
 */
export function loadFacility(json: unknown): Facility {
  return new Facility(parseFacilityData(json));
}

/** The validation half of `loadFacility`, for callers that only need the plain data. */
export function parseFacilityData(json: unknown): FacilityData {
  const problems = new Problems();
  if (!isJsonObject(json)) {
    problems.add('facility: must be a JSON object');
    problems.throwIfAny(DomainErrorCode.FacilityInvalid, 'Facility');
  }
  const data = readSections(new JsonReader(json as Record<string, unknown>, 'facility', problems), problems);
  checkFacilityReferences(data, problems);
  problems.throwIfAny(DomainErrorCode.FacilityInvalid, `Facility "${data.id || '?'}"`);
  return data;
}

function readSections(top: JsonReader, problems: Problems): FacilityData {
  const list = <T>(key: string, item: string, read: (o: IndexedObject, p: Problems) => T | undefined): T[] =>
    top
      .objectArray(key, item, key === 'elevators' || key === 'rooms' || key === 'zones')
      .map((o) => read(o, problems))
      .filter((x): x is T => x !== undefined);
  return {
    id: top.string('id') ?? '',
    name: top.string('name') ?? '',
    timezone: top.string('timezone') ?? '',
    floors: list('floors', 'floor', readFloor),
    nodes: list('nodes', 'node', readNode),
    edges: list('edges', 'edge', readEdge),
    elevators: list('elevators', 'elevator', readElevator),
    rooms: list('rooms', 'room', readRoom),
    zones: list('zones', 'zone', readZone),
  };
}

function reader(item: string, { index, obj }: IndexedObject, problems: Problems): JsonReader {
  const hint = typeof obj.id === 'string' ? ` (${obj.id})` : '';
  return new JsonReader(obj, `${item} #${index}${hint}`, problems);
}

/** Keeps an item only when every required field was readable. */
function complete<T extends object>(item: T, required: readonly (keyof T)[]): T | undefined {
  return required.every((k) => item[k] !== undefined) ? item : undefined;
}

function readFloor(o: IndexedObject, problems: Problems): Floor | undefined {
  const r = reader('floor', o, problems);
  const floor = { id: r.string('id')!, name: r.string('name')!, level: r.number('level', { integer: true })! };
  return complete(floor, ['id', 'name', 'level']);
}

function readNode(o: IndexedObject, problems: Problems): FacilityNode | undefined {
  const r = reader('node', o, problems);
  const node: FacilityNode = {
    id: r.string('id')!,
    floor: r.string('floor')!,
    x: r.number('x')!,
    y: r.number('y')!,
    kind: r.string('kind')!,
    ...optionalStrings(r, ['label', 'room', 'elevator']),
  };
  return complete(node, ['id', 'floor', 'x', 'y', 'kind']);
}

function readEdge({ index, obj }: IndexedObject, problems: Problems): FacilityEdge | undefined {
  const name = (v: unknown) => (typeof v === 'string' ? v : '?');
  const r = new JsonReader(obj, `edge #${index} (${name(obj.from)} → ${name(obj.to)})`, problems);
  const edge: FacilityEdge = {
    from: r.string('from')!,
    to: r.string('to')!,
    kind: r.string('kind')!,
    ...optionalStrings(r, ['elevator']),
  };
  return complete(edge, ['from', 'to', 'kind']);
}

function readElevator(o: IndexedObject, problems: Problems): Elevator | undefined {
  const r = reader('elevator', o, problems);
  const elevator: Elevator = {
    id: r.string('id')!,
    nodes: r.stringArray('nodes')!,
    capacity: r.number('capacity', { integer: true, positive: true })!,
    secondsPerFloor: r.number('secondsPerFloor', { positive: true })!,
    doorSeconds: r.number('doorSeconds', { min: 0 })!,
  };
  return complete(elevator, ['id', 'nodes', 'capacity', 'secondsPerFloor', 'doorSeconds']);
}

function readRoom(o: IndexedObject, problems: Problems): Room | undefined {
  const r = reader('room', o, problems);
  const room: Room = {
    id: r.string('id')!,
    floor: r.string('floor')!,
    node: r.string('node')!,
    beds: r.number('beds', { integer: true, min: 0 })!,
    ...(o.obj.noCamera === true ? { noCamera: true } : {}),
  };
  if (o.obj.noCamera !== undefined && typeof o.obj.noCamera !== 'boolean') r.problem('noCamera must be true or false');
  return complete(room, ['id', 'floor', 'node', 'beds']);
}

function readZone(o: IndexedObject, problems: Problems): Zone | undefined {
  const r = reader('zone', o, problems);
  const maxSpeed = r.number('maxSpeed', { optional: true, positive: true });
  const zone: Zone = {
    id: r.string('id')!,
    nodes: r.stringArray('nodes')!,
    ...optionalStrings(r, ['quietHours']),
    ...(maxSpeed === undefined ? {} : { maxSpeed }),
  };
  return complete(zone, ['id', 'nodes']);
}

function optionalStrings(r: JsonReader, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = r.string(key, true);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
