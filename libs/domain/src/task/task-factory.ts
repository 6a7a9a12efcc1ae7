import { cameraStopsInNoCameraRooms } from '../care/patrol';
import type { Facility } from '../facility/facility-graph';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { Cause, NewTaskInput, Task, TaskEvent, TaskSpec, TASK_PRIORITIES, taskStops } from './task';
import { transition } from './task-state-machine';

export interface CreateTaskContext {
  readonly id: string;
  /** Epoch ms. */
  readonly now: number;
  readonly facility: Facility;
  /** Who asked; default `{ kind: 'system' }`. */
  readonly cause?: Cause;
}

/**
 * Validates a new task against the facility and queues it: the task comes back `ready`, with its two events
 * (null → requested, requested → ready) to store together. Every problem is listed in one
 * `DomainError(TaskInvalid)` whose `target` is the first bad field and whose message reads `from: unknown node "X"`.
 */
export function createTask(input: NewTaskInput, context: CreateTaskContext): { task: Task; events: [TaskEvent, TaskEvent] } {
  const problems: Problem[] = [];
  const spec = readSpec(input, context.facility, problems);
  checkFields(input, context, problems);
  for (const room of spec ? cameraStopsInNoCameraRooms(taskStops(spec), context.facility) : []) {
    problems.push({ field: 'action', message: `room ${room} is marked no camera: no camera action there` });
  }
  if (problems.length > 0 || !spec) throw invalid(problems);
  const cause = context.cause ?? { kind: 'system' };
  const requested: Task = {
    id: context.id,
    type: input.type.trim(),
    priority: input.priority,
    spec,
    requires: [...new Set([...taskStops(spec).map((s) => s.action), ...(input.requires ?? [])])],
    ...optional(input),
    status: 'requested',
    attempt: 0,
    createdAt: context.now,
    updatedAt: context.now,
  };
  const created: TaskEvent = { taskId: context.id, at: context.now, from: null, to: 'requested', cause };
  const queued = transition(requested, 'ready', { now: context.now, cause });
  return { task: queued.task, events: [created, queued.event] };
}

interface Problem {
  readonly field: string;
  readonly message: string;
}

function invalid(problems: readonly Problem[]): DomainError {
  const lines = problems.map((p) => `${p.field}: ${p.message}`);
  return new DomainError(DomainErrorCode.TaskInvalid, lines.join('; '), problems[0]?.field, lines);
}

function readSpec(input: NewTaskInput, facility: Facility, problems: Problem[]): TaskSpec | undefined {
  const isTransport = input.from !== undefined || input.to !== undefined;
  const isVisit = input.atNode !== undefined || input.action !== undefined;
  const isPatrol = input.stops !== undefined;
  if ([isTransport, isVisit, isPatrol].filter(Boolean).length !== 1) {
    problems.push({ field: 'from', message: 'give either from and to (a transport), atNode and action (a visit) or stops (a patrol)' });
    return undefined;
  }
  if (isPatrol) return readPatrol(input.stops!, facility, problems);
  const node = (field: keyof NewTaskInput) => requireNode(input, field, facility, problems);
  const action = (field: keyof NewTaskInput, fallback?: string) => requireText(input, field, problems, fallback);
  if (isTransport) {
    const spec = { from: node('from'), to: node('to'), pickAction: action('pickAction', 'pick'), dropAction: action('dropAction', 'drop') };
    if (spec.from !== undefined && spec.from === spec.to) {
      problems.push({ field: 'to', message: `is the same node as from ("${spec.from}"): a transport takes its load somewhere else; for work at one place give atNode and action` });
      return undefined;
    }
    return Object.values(spec).every((v) => v !== undefined) ? ({ kind: 'transport', ...spec } as TaskSpec) : undefined;
  }
  const spec = { atNode: node('atNode'), action: action('action') };
  return spec.atNode !== undefined && spec.action !== undefined ? { kind: 'visit', atNode: spec.atNode, action: spec.action } : undefined;
}

function readPatrol(stops: NonNullable<NewTaskInput['stops']>, facility: Facility, problems: Problem[]): TaskSpec | undefined {
  if (stops.length === 0) problems.push({ field: 'stops', message: 'a patrol needs at least one stop' });
  stops.forEach((stop, i) => {
    if (!facility.hasNode(stop.node)) problems.push({ field: 'stops', message: `stop ${i + 1}: unknown node "${stop.node}"` });
    if (typeof stop.action !== 'string' || stop.action.trim() === '') problems.push({ field: 'stops', message: `stop ${i + 1}: action must be a non-empty string` });
  });
  return problems.length > 0 ? undefined : { kind: 'patrol', stops: stops.map((s) => ({ node: s.node, action: s.action })) };
}

function requireText(input: NewTaskInput, field: keyof NewTaskInput, problems: Problem[], fallback?: string): string | undefined {
  const value = input[field] ?? fallback;
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push({ field, message: value === undefined ? 'is required' : 'must be a non-empty string' });
  return undefined;
}

function requireNode(input: NewTaskInput, field: keyof NewTaskInput, facility: Facility, problems: Problem[]): string | undefined {
  const nodeId = requireText(input, field, problems);
  if (nodeId === undefined || facility.hasNode(nodeId)) return nodeId;
  problems.push({ field, message: `unknown node "${nodeId}"` });
  return undefined;
}

function checkFields(input: NewTaskInput, context: CreateTaskContext, problems: Problem[]): void {
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!context.id || context.id.trim() === '') add('id', 'must be a non-empty string');
  if (typeof input.type !== 'string' || input.type.trim() === '') add('type', 'must be a non-empty string');
  if (!TASK_PRIORITIES.includes(input.priority)) add('priority', `must be one of ${TASK_PRIORITIES.join(', ')}`);
  if (input.requires?.some((a) => typeof a !== 'string' || a.trim() === '')) add('requires', 'must list non-empty action types');
  for (const field of ['earliestStart', 'deadline', 'serviceS'] as const) {
    const value = input[field];
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) add(field, 'must be a non-negative number');
  }
  const after = input.earliestStart ?? context.now;
  if (input.deadline !== undefined && input.deadline <= after) {
    add('deadline', input.earliestStart === undefined ? 'must be in the future' : 'must be after earliestStart');
  }
}

function optional(input: NewTaskInput): Partial<Task> {
  const out: { -readonly [K in keyof Task]?: Task[K] } = {};
  if (input.earliestStart !== undefined) out.earliestStart = input.earliestStart;
  if (input.deadline !== undefined) out.deadline = input.deadline;
  if (input.serviceS !== undefined) out.serviceS = input.serviceS;
  if (input.note !== undefined && input.note.trim() !== '') out.note = input.note;
  for (const key of ['residentId', 'wardId', 'carePlanId'] as const) if (input[key] !== undefined) out[key] = input[key];
  if (input.performer === 'staff') out.performer = 'staff';
  return out;
}
