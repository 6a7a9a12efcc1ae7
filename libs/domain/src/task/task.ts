/** FHIR R4 Task.status subset used for jobs (see docs/architecture.md, "Job lifecycle"). */
export const TASK_STATUSES = [
  'requested',
  'ready',
  'accepted',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** FHIR request priorities, lowest to highest. */
export const TASK_PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export interface TransportSpec {
  readonly kind: 'transport';
  readonly from: string;
  readonly to: string;
  readonly pickAction: string;
  readonly dropAction: string;
}

export interface VisitSpec {
  readonly kind: 'visit';
  readonly atNode: string;
  readonly action: string;
}

/** A round through several stops, an action at each, as one mission (a night patrol: see care/patrol.ts). */
export interface PatrolSpec {
  readonly kind: 'patrol';
  readonly stops: readonly { readonly node: string; readonly action: string }[];
}

export type TaskSpec = TransportSpec | VisitSpec | PatrolSpec;

/** Who or what caused a transition: kept with every task event (audit). */
export interface Cause {
  readonly kind: 'staff' | 'system' | 'robot';
  /** staff user id, robot id or system component name */
  readonly id?: string;
  readonly reason?: string;
}

export interface Task {
  readonly id: string;
  readonly type: string;
  readonly priority: TaskPriority;
  readonly spec: TaskSpec;
  /** Every VDA 5050 action type the task needs (spec actions plus extra `requires`), de-duplicated. */
  readonly requires: readonly string[];
  /** Epoch ms. */
  readonly earliestStart?: number;
  /** Epoch ms. */
  readonly deadline?: number;
  readonly note?: string;
  /** Expected seconds of work at the destination, if known (used by the cost model). */
  readonly serviceS?: number;
  readonly status: TaskStatus;
  readonly robotId?: string;
  /** Increments every time the task is given to a robot. */
  readonly attempt: number;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms. */
  readonly updatedAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** Why the task failed / was cancelled / waits, for staff. */
  readonly statusReason?: string;
  /** Care context (see care/): the resident it is for (an operational id, never a name) and the ward answering for it. */
  readonly residentId?: string;
  readonly wardId?: string;
  /** The care plan that raised it. */
  readonly carePlanId?: string;
  /** Who works it: the fleet when absent, the ward's staff queue when `staff` (a staff-only type, or escalated). */
  readonly performer?: 'staff';
  /** The staff member who claimed it (with `performer: 'staff'`). */
  readonly staffId?: string;
  /** Why it went to staff, the last time it did. */
  readonly escalation?: Escalation;
}

/** Why a task left the fleet for the ward's staff queue (see care/staff-queue.ts). */
export const ESCALATION_REASONS = ['no-capable-robot', 'no-robot-available', 'robot-failed', 'deadline-at-risk', 'handover-missed', 'load-missed'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface Escalation {
  readonly reason: EscalationReason;
  /** Epoch ms. */
  readonly at: number;
  readonly detail?: string;
}

export interface TaskEvent {
  readonly taskId: string;
  /** Epoch ms. */
  readonly at: number;
  readonly from: TaskStatus | null;
  readonly to: TaskStatus;
  readonly cause: Cause;
  readonly robotId?: string;
  readonly detail?: string;
}

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function priorityRank(priority: TaskPriority): number {
  return TASK_PRIORITIES.indexOf(priority);
}

/** The nodes a task visits in order: where its first action happens, then its last. */
export function taskStops(spec: TaskSpec): { node: string; action: string }[] {
  switch (spec.kind) {
    case 'transport':
      return [
        { node: spec.from, action: spec.pickAction },
        { node: spec.to, action: spec.dropAction },
      ];
    case 'visit':
      return [{ node: spec.atNode, action: spec.action }];
    case 'patrol':
      return spec.stops.map((s) => ({ node: s.node, action: s.action }));
  }
}

/** What staff (or a care plan, or a scenario) ask for; `createTask` validates it against the facility. */
export interface NewTaskInput {
  readonly type: string;
  readonly priority: TaskPriority;
  /** transport: both `from` and `to` */
  readonly from?: string;
  readonly to?: string;
  /** default 'pick' */
  readonly pickAction?: string;
  /** default 'drop' */
  readonly dropAction?: string;
  /** visit: both `atNode` and `action` */
  readonly atNode?: string;
  readonly action?: string;
  /** patrol: the stops in order, an action at each (instead of from/to or atNode/action) */
  readonly stops?: readonly { readonly node: string; readonly action: string }[];
  /** Extra action types the robot must support. */
  readonly requires?: readonly string[];
  /** Epoch ms. */
  readonly earliestStart?: number;
  /** Epoch ms. */
  readonly deadline?: number;
  readonly note?: string;
  readonly serviceS?: number;
  readonly residentId?: string;
  readonly wardId?: string;
  readonly carePlanId?: string;
  /** `staff`: a staff-only task, straight into the ward's staff queue. */
  readonly performer?: 'staff';
}
