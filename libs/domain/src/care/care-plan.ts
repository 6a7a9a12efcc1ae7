import type { Facility } from '../facility/facility-graph';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { TASK_PRIORITIES, type NewTaskInput, type TaskPriority } from '../task/task';
import { parseSchedule, type Occurrence, type Schedule } from './recurrence';
import type { Resident } from './resident';
import type { Ward } from './ward';

/** Stands for the resident's room node in a plan's activity (resident plans only). */
export const ROOM_NODE = '@room';
/** Stands for the ward's nurse-station node. */
export const STATION_NODE = '@station';

/** What each occurrence asks for: a task template whose nodes may be `@room` or `@station`. */
export interface CareActivity {
  readonly type: string;
  readonly priority: TaskPriority;
  /** `staff`: a staff-only activity (repositioning, wound care…), straight to the ward's staff queue. */
  readonly performer?: 'staff';
  readonly from?: string;
  readonly to?: string;
  readonly pickAction?: string;
  readonly dropAction?: string;
  readonly atNode?: string;
  readonly action?: string;
  readonly requires?: readonly string[];
  readonly serviceS?: number;
  readonly note?: string;
}

/** A recurring care activity for one resident or for a whole ward. */
export interface CarePlan extends Schedule {
  readonly id: string;
  readonly title: string;
  /** Exactly one of residentId (a resident's plan) and wardId (a ward's plan). */
  readonly residentId?: string;
  readonly wardId?: string;
  readonly activity: CareActivity;
  /** Minutes before the occurrence the task may start. */
  readonly leadMin: number;
  /** Minutes after the occurrence by which it should be done (its deadline). */
  readonly windowMin: number;
  readonly active: boolean;
  /** Bumped on every change; tasks already raised are brought up to date when it moves. */
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type CarePlanInput = Omit<CarePlan, 'id' | 'active' | 'version' | 'createdAt' | 'updatedAt'>;

/** Where a plan's tasks go: its resident (when it has one) and the ward. */
export interface PlanScope {
  readonly resident?: Resident;
  readonly ward: Ward;
}

/** Checks a plan (schedule, scope, activity) and answers it as stored; every problem in one DomainError(CareInvalid). */
export function validateCarePlan(input: CarePlanInput, scope: PlanScope, facility: Facility): CarePlanInput {
  const problems: string[] = [];
  try {
    parseSchedule(input);
  } catch (error) {
    problems.push(...((error as DomainError).details ?? [(error as Error).message]));
  }
  if (input.title.trim() === '') problems.push('title: must not be empty');
  if ((input.residentId === undefined) === (input.wardId === undefined)) problems.push('residentId: give either residentId or wardId');
  if (!Number.isFinite(input.leadMin) || input.leadMin < 0 || input.leadMin > 24 * 60) problems.push('leadMin: 0–1440 minutes');
  if (!Number.isFinite(input.windowMin) || input.windowMin <= 0 || input.windowMin > 7 * 24 * 60) problems.push('windowMin: 1–10080 minutes');
  const a = input.activity;
  if (a.type.trim() === '') problems.push('activity.type: must not be empty');
  if (!TASK_PRIORITIES.includes(a.priority)) problems.push(`activity.priority: one of ${TASK_PRIORITIES.join(', ')}`);
  const transport = a.from !== undefined || a.to !== undefined;
  const visit = a.atNode !== undefined || a.action !== undefined;
  if (transport === visit) problems.push('activity.from: give either from and to (a transport) or atNode and action (a visit)');
  for (const field of ['from', 'to', 'atNode'] as const) {
    const node = a[field];
    if (node === undefined) continue;
    if (node === ROOM_NODE && !scope.resident) problems.push(`activity.${field}: ${ROOM_NODE} needs a resident's plan`);
    else if (node === STATION_NODE && !scope.ward.stationNode) problems.push(`activity.${field}: ward ${scope.ward.id} has no station node`);
    else if (node !== ROOM_NODE && node !== STATION_NODE && !facility.hasNode(node)) problems.push(`activity.${field}: unknown node "${node}"`);
  }
  if (transport && problems.length === 0 && placeNode(a.from, scope, facility) === placeNode(a.to, scope, facility)) {
    problems.push(`activity.to: is the same node as from ("${placeNode(a.to, scope, facility)}" for this ${scope.resident ? 'resident' : 'ward'}): a transport takes its load somewhere else`);
  }
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  return { ...input, title: input.title.trim() };
}

/**
 * The task an occurrence raises: placeholders resolved for the plan's resident and ward, its window from the plan.
 * The task carries the resident's id and ward, never their name.
 */
export function occurrenceTask(plan: CarePlan, occurrence: Occurrence, scope: PlanScope, facility: Facility): NewTaskInput {
  const node = (value: string | undefined): string | undefined => placeNode(value, scope, facility);
  const a = plan.activity;
  return {
    type: a.type,
    priority: a.priority,
    ...(a.from !== undefined ? { from: node(a.from), to: node(a.to), pickAction: a.pickAction, dropAction: a.dropAction } : { atNode: node(a.atNode), action: a.action }),
    requires: a.requires,
    serviceS: a.serviceS,
    note: a.note ?? plan.title,
    earliestStart: occurrence.at - plan.leadMin * 60_000,
    deadline: occurrence.at + plan.windowMin * 60_000,
    residentId: scope.resident?.id,
    wardId: scope.ward.id,
    carePlanId: plan.id,
    performer: a.performer,
  };
}

/** A plan's node for its scope: `@room` the resident's room node, `@station` the ward's station, others themselves. */
function placeNode(value: string | undefined, scope: PlanScope, facility: Facility): string | undefined {
  if (value === ROOM_NODE) return scope.resident ? facility.roomNode(scope.resident.roomId).id : value;
  if (value === STATION_NODE) return scope.ward.stationNode ?? value;
  return value;
}
