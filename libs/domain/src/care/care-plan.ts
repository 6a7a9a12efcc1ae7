import type { Facility } from '../facility/facility-graph';
import { canDo, type Robot } from '../robot/robot';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { TASK_PRIORITIES, type NewTaskInput, type Task, type TaskPriority } from '../task/task';
import { createTask } from '../task/task-factory';
import { firstOccurrence, type Occurrence, type Schedule } from './recurrence';
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

/** What a plan is checked against beyond itself: the time it is made and the fleet that is to do its tasks. */
export interface PlanCheckContext {
  readonly now: number;
  readonly fleet: readonly Robot[];
}

/**
 * Checks a plan and answers it as stored: its schedule (it occurs within a year of startsOn, or of `context.now` when
 * later, and not too often), its scope (a resident still in care) and its activity — the task its first occurrence
 * would raise is made and checked as every new task is, so a plan is refused, never kept to fail at every roll.
 * Every problem in one DomainError(CareInvalid). With a context, a robot activity no robot of a non-empty fleet can
 * do is refused as POST /api/tasks refuses such a task (NoCapableRobot); a staff activity goes to people.
 */
export function validateCarePlan(input: CarePlanInput, scope: PlanScope, facility: Facility, context?: PlanCheckContext): CarePlanInput {
  const problems: string[] = [];
  let first: Occurrence | undefined;
  try {
    first = firstOccurrence(input, context?.now, facility.timezone);
  } catch (error) {
    problems.push(...problemsOf(error));
  }
  problems.push(...fieldProblems(input, scope, facility));
  const task = first && problems.length === 0 ? sampleTask(input, first, scope, facility, problems) : undefined;
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  if (task && context) requireCapableRobot(task, context.fleet);
  return { ...input, title: input.title.trim() };
}

function fieldProblems(input: CarePlanInput, scope: PlanScope, facility: Facility): string[] {
  const problems: string[] = [];
  if (input.title.trim() === '') problems.push('title: must not be empty');
  if ((input.residentId === undefined) === (input.wardId === undefined)) problems.push('residentId: give either residentId or wardId');
  if (scope.resident?.status === 'discharged') problems.push(`residentId: resident ${scope.resident.id} was discharged; a plan for them would raise no task`);
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
  return problems;
}

/** The task the occurrence raises; what createTask refuses in it is the activity's problem (its times are the plan's, checked). */
function sampleTask(input: CarePlanInput, occurrence: Occurrence, scope: PlanScope, facility: Facility, problems: string[]): Task | undefined {
  const id = 'care-plan-check';
  try {
    return createTask(occurrenceTask({ ...input, id }, occurrence, scope, facility), { id, now: occurrence.at, facility }).task;
  } catch (error) {
    problems.push(...problemsOf(error).map((line) => `activity.${line}`));
    return undefined;
  }
}

function requireCapableRobot(task: Task, fleet: readonly Robot[]): void {
  // No robot yet is a fleet still being set up (the care file is seeded before any robot connects): nothing to judge by.
  if (task.performer === 'staff' || fleet.length === 0 || fleet.some((robot) => canDo(robot, task.requires))) return;
  const known = [...new Set(fleet.flatMap((r) => r.actions))].sort().join(', ') || 'none';
  throw new DomainError(
    DomainErrorCode.NoCapableRobot,
    `activity.requires: no robot of the fleet can do every action of [${task.requires.join(', ')}]; actions the fleet has: ${known}`,
    'activity.requires',
  );
}

function problemsOf(error: unknown): string[] {
  if (!(error instanceof DomainError)) throw error;
  return [...(error.details ?? [error.message])];
}

/**
 * The task an occurrence raises: placeholders resolved for the plan's resident and ward, its window from the plan.
 * The task carries the resident's id and ward, never their name.
 */
export function occurrenceTask(plan: CarePlanInput & Pick<CarePlan, 'id'>, occurrence: Occurrence, scope: PlanScope, facility: Facility): NewTaskInput {
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
