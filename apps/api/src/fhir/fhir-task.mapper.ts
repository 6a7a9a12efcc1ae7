import type { Device, Location, Practitioner, Reference, Task as FhirTask } from '@medplum/fhirtypes';
import { taskStops, type Facility, type Task, type TaskEvent, type TaskStatus } from '@opiekun/domain';

/** Code system of Opiekun's task types (meal, linen, patrol…): local codes, no clinical terminology implied. */
export const TASK_TYPE_SYSTEM = 'urn:opiekun:task-type';
/** Identifier systems carrying the exact ids behind the (FHIR-id-safe) references. */
export const ROBOT_ID_SYSTEM = 'urn:opiekun:robot';
export const TASK_ID_SYSTEM = 'urn:opiekun:task';

const ATTEMPT_SUFFIX = /^(.+)-attempt-(\d+)$/;

/** A FHIR logical id allows [A-Za-z0-9-.]{1,64}: other characters (the ':' of a robot id) become '-'. */
export function fhirId(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
}

export function attemptId(taskId: string, attempt: number): string {
  return `${taskId}-attempt-${attempt}`;
}

/** `<taskId>-attempt-<n>` → the job and the attempt number; any other id → the job itself. */
export function parseTaskResourceId(id: string): { taskId: string; attempt?: number } {
  const match = ATTEMPT_SUFFIX.exec(id);
  return match ? { taskId: match[1]!, attempt: Number(match[2]) } : { taskId: id };
}

/** One robot's go at a job, read from the job's history: from its `accepted` to the event that took it away. */
export interface Attempt {
  readonly number: number;
  readonly robotId: string;
  readonly start: number;
  readonly end?: number;
  readonly status: TaskStatus;
  readonly reason?: string;
}

/**
 * Attempts derive from the history: each `→ accepted` naming a robot opens one; a re-queue (`→ ready`) closes it as
 * failed (the robot dropped, refused or failed it) without closing the job; the job's terminal status closes the last.
 */
export function attemptsOf(task: Task, history: readonly TaskEvent[]): Attempt[] {
  const attempts: Attempt[] = [];
  let open: { number: number; robotId: string; start: number; status: TaskStatus } | undefined;
  const close = (event: TaskEvent, status: TaskStatus) => {
    if (!open) return;
    attempts.push({ ...open, end: event.at, status, ...(event.detail ?? event.cause.reason ? { reason: event.detail ?? event.cause.reason } : {}) });
    open = undefined;
  };
  for (const event of history) {
    if (event.to === 'accepted' && event.robotId) {
      open = { number: attempts.length + 1, robotId: event.robotId, start: event.at, status: 'accepted' };
    } else if (!open) {
      continue;
    } else if (event.to === 'ready') {
      close(event, 'failed');
    } else if (event.to === 'completed' || event.to === 'failed' || event.to === 'cancelled') {
      close(event, event.to);
    } else {
      open.status = event.to;
    }
  }
  if (open) attempts.push(open);
  return attempts;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Drops absent fields: FHIR JSON has no nulls and no empty members. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export function robotReference(robotId: string): Reference<Device> {
  return { reference: `Device/${fhirId(robotId)}`, type: 'Device', identifier: { system: ROBOT_ID_SYSTEM, value: robotId }, display: robotId };
}

export function staffReference(staffId: string): Reference<Practitioner> {
  return { reference: `Practitioner/${fhirId(staffId)}`, type: 'Practitioner' };
}

/** Where the work happens: the room at the task's last stop when there is one, else the facility node. */
function locationOf(task: Task, facility: Facility): Reference<Location> {
  const stops = taskStops(task.spec);
  const node = stops[stops.length - 1]!.node;
  const room = facility.data.rooms.find((r) => r.node === node);
  return { reference: `Location/${fhirId(room?.id ?? node)}`, display: room ? `${room.id} (${node})` : node };
}

function describe(task: Task): string {
  const what = task.spec.kind === 'transport' ? `${task.spec.from} → ${task.spec.to}` : taskStops(task.spec).map((s) => `${s.action} at ${s.node}`).join(', ');
  return task.note ? `${task.type}: ${what} — ${task.note}` : `${task.type}: ${what}`;
}

function ownerOf(task: Task): Reference<Device | Practitioner> | undefined {
  if (task.robotId) return robotReference(task.robotId);
  if (task.staffId) return staffReference(task.staffId);
  return undefined;
}

function common(task: Task, facility: Facility): Omit<FhirTask, 'resourceType' | 'status'> {
  return {
    intent: 'order',
    priority: task.priority,
    code: { coding: [{ system: TASK_TYPE_SYSTEM, code: task.type }], text: task.type },
    description: describe(task),
    for: task.residentId ? { reference: `Patient/${fhirId(task.residentId)}`, type: 'Patient' } : undefined,
    location: locationOf(task, facility),
    authoredOn: iso(task.createdAt),
  };
}

/**
 * The job as a FHIR R4 Task (the request). The resident is a bare Patient reference: no name leaves Opiekun this way.
 */
export function toFhirTask(task: Task, facility: Facility): FhirTask {
  const restriction = task.earliestStart !== undefined || task.deadline !== undefined ? { period: compact({ start: iso(task.earliestStart), end: iso(task.deadline) }) } : undefined;
  return compact<FhirTask>({
    resourceType: 'Task',
    id: fhirId(task.id),
    meta: { lastUpdated: iso(task.updatedAt) },
    identifier: [{ system: TASK_ID_SYSTEM, value: task.id }],
    status: task.status,
    statusReason: task.statusReason ? { text: task.statusReason } : undefined,
    businessStatus: task.escalation ? { text: `escalated to staff: ${task.escalation.reason}` } : undefined,
    ...common(task, facility),
    owner: ownerOf(task),
    executionPeriod: task.startedAt !== undefined || task.finishedAt !== undefined ? compact({ start: iso(task.startedAt), end: iso(task.finishedAt) }) : undefined,
    lastModified: iso(task.updatedAt),
    restriction,
  });
}

/** A robot's attempt at the job: a child Task `partOf` it, owned by that robot, closed on its own. */
export function toFhirAttempt(task: Task, attempt: Attempt, facility: Facility): FhirTask {
  return compact<FhirTask>({
    resourceType: 'Task',
    id: fhirId(attemptId(task.id, attempt.number)),
    meta: { lastUpdated: iso(attempt.end ?? task.updatedAt) },
    identifier: [{ system: TASK_ID_SYSTEM, value: attemptId(task.id, attempt.number) }],
    partOf: [{ reference: `Task/${fhirId(task.id)}` }],
    status: attempt.status,
    statusReason: attempt.reason ? { text: attempt.reason } : undefined,
    ...common(task, facility),
    owner: robotReference(attempt.robotId),
    executionPeriod: compact({ start: iso(attempt.start), end: iso(attempt.end) }),
    lastModified: iso(attempt.end ?? task.updatedAt),
  });
}
