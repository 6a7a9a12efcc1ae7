import type { Facility } from '../facility/facility-graph';
import { robotId } from '../robot/robot';
import { DomainErrorCode } from '../shared/domain-error';
import { checkUniqueIds, IndexedObject, isJsonObject, JsonReader, Problems } from '../shared/json-reader';
import { TASK_PRIORITIES, TaskPriority } from '../task/task';
import type { Scenario, ScenarioRobot, ScenarioTask } from './scenario';

/** A date-time with its offset (RFC 3339 with optional seconds): `YYYY-MM-DDThh:mm[:ss[.fff]]` and `Z` or `±hh:mm`. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates a shift scenario against the facility it replays on; every problem is listed in one
 * `DomainError(ScenarioInvalid)` (`details` one by one, items numbered from 0 as in the file).
 */
export function loadScenario(json: unknown, facility: Facility): Scenario {
  const problems = new Problems();
  if (!isJsonObject(json)) {
    problems.add('scenario: must be a JSON object');
    problems.throwIfAny(DomainErrorCode.ScenarioInvalid, 'Scenario');
  }
  const top = new JsonReader(json as Record<string, unknown>, 'scenario', problems);
  const scenario = readScenario(top, facility, problems);
  problems.throwIfAny(DomainErrorCode.ScenarioInvalid, `Scenario "${scenario.id || '?'}"`);
  return scenario;
}

function readScenario(top: JsonReader, facility: Facility, problems: Problems): Scenario {
  const start = top.string('start') ?? '';
  const startMs = ISO_WITH_OFFSET.test(start) ? Date.parse(start) : NaN;
  if (start !== '' && Number.isNaN(startMs)) top.problem(`start must be an ISO time with an offset (got "${start}")`);
  const facilityId = top.string('facility') ?? '';
  if (facilityId !== '' && facilityId !== facility.id) top.problem(`facility "${facilityId}" is not the loaded facility "${facility.id}"`);
  const durationS = top.number('durationS', { positive: true }) ?? Infinity;
  const robots = top.objectArray('robots', 'robot').map((o) => readRobot(o, facility, problems));
  const tasks = top.objectArray('tasks', 'task').map((o) => readTask(o, facility, durationS, problems));
  checkUniqueIds(robots.map((r) => r && robotId(r.manufacturer, r.serialNumber)), 'robot', problems);
  checkUniqueIds(tasks.map((t) => t?.id), 'task', problems);
  return {
    id: top.string('id') ?? '',
    facility: facilityId,
    start,
    startMs,
    durationS,
    seed: top.number('seed') ?? 0,
    robots: robots.filter((r): r is ScenarioRobot => r !== undefined),
    tasks: tasks.filter((t): t is ScenarioTask => t !== undefined),
  };
}

function itemReader(item: string, { index, obj }: IndexedObject, problems: Problems): JsonReader {
  const name = obj.id ?? obj.serialNumber;
  return new JsonReader(obj, `${item} #${index}${typeof name === 'string' ? ` (${name})` : ''}`, problems);
}

function nodeField(r: JsonReader, key: string, facility: Facility, optional = false): string | undefined {
  const nodeId = r.string(key, optional);
  if (nodeId !== undefined && !facility.hasNode(nodeId)) r.problem(`${key}: unknown node "${nodeId}"`);
  return nodeId;
}

function readRobot(o: IndexedObject, facility: Facility, problems: Problems): ScenarioRobot | undefined {
  const r = itemReader('robot', o, problems);
  const model = r.string('model', true);
  const robot = {
    manufacturer: r.string('manufacturer'),
    serialNumber: r.string('serialNumber'),
    actions: r.stringArray('actions'),
    start: nodeField(r, 'start', facility),
    speed: r.number('speed', { positive: true }),
    battery: r.number('battery', { min: 0, max: 100 }),
  };
  if (Object.values(robot).some((v) => v === undefined)) return undefined;
  return { ...(robot as ScenarioRobot), ...(model === undefined ? {} : { model }) };
}

function readTask(o: IndexedObject, facility: Facility, durationS: number, problems: Problems): ScenarioTask | undefined {
  const r = itemReader('task', o, problems);
  const priority = r.string('priority');
  if (priority !== undefined && !TASK_PRIORITIES.includes(priority as TaskPriority)) {
    r.problem(`priority must be one of ${TASK_PRIORITIES.join(', ')} (got "${priority}")`);
  }
  const task = {
    id: r.string('id'),
    at: r.number('at', { min: 0, max: Number.isFinite(durationS) ? durationS : undefined }),
    type: r.string('type'),
    priority,
    requires: r.stringArray('requires'),
    deadlineS: r.number('deadlineS', { positive: true }),
    serviceS: r.number('serviceS', { min: 0 }),
  };
  const spec = readTaskSpec(r, o, facility);
  if (Object.values(task).some((v) => v === undefined) || !spec) return undefined;
  return { ...(task as ScenarioTask), ...spec };
}

function readTaskSpec(r: JsonReader, { obj }: IndexedObject, facility: Facility): Partial<ScenarioTask> | undefined {
  const isTransport = obj.from !== undefined || obj.to !== undefined;
  const isVisit = obj.atNode !== undefined || obj.action !== undefined;
  if (isTransport === isVisit) {
    r.problem('must be either a transport (from, to) or a visit (atNode, action)');
    return undefined;
  }
  const spec = isTransport
    ? {
        from: nodeField(r, 'from', facility),
        to: nodeField(r, 'to', facility),
        pickAction: r.string('pickAction', true),
        dropAction: r.string('dropAction', true),
      }
    : { atNode: nodeField(r, 'atNode', facility), action: r.string('action') };
  const required = isTransport ? [spec.from, spec.to] : [spec.atNode, spec.action];
  if (required.some((v) => v === undefined)) return undefined;
  if (isTransport && spec.from === spec.to) {
    r.problem(`to is the same node as from ("${spec.from}"): a transport takes its load somewhere else`);
    return undefined;
  }
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}
