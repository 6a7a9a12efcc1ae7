import type { NewTask, Robot, TaskPriority } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import type { FacilityRouter } from '../routing/facility-router';
import type { TypeIconName } from '../ui/icon-paths';

/** A task staff can ask for in a few taps; it becomes a transport or a visit on the chosen room. */
export interface TaskTemplate {
  readonly type: string;
  readonly icon: TypeIconName;
  readonly shape: 'deliver' | 'collect' | 'visit';
  /** Service node kind the load comes from (deliver) or goes to (collect). */
  readonly serviceKind?: string;
  readonly pickAction?: string;
  readonly dropAction?: string;
  readonly action?: string;
  readonly priority: TaskPriority;
  /** Default minutes until due. */
  readonly dueInMin: number;
  /** Expected seconds of work at the destination. */
  readonly serviceS: number;
}

export const TASK_TEMPLATES: readonly TaskTemplate[] = [
  { type: 'meal', icon: 'meal', shape: 'deliver', serviceKind: 'kitchen', pickAction: 'pick', dropAction: 'drop', priority: 'routine', dueInMin: 45, serviceS: 20 },
  { type: 'linen', icon: 'linen', shape: 'deliver', serviceKind: 'laundry', pickAction: 'pick', dropAction: 'drop', priority: 'routine', dueInMin: 120, serviceS: 30 },
  { type: 'medication', icon: 'medication', shape: 'deliver', serviceKind: 'pharmacy', pickAction: 'pick', dropAction: 'deliverMedication', priority: 'urgent', dueInMin: 30, serviceS: 60 },
  { type: 'lab-sample', icon: 'lab', shape: 'collect', serviceKind: 'lab', pickAction: 'pick', dropAction: 'drop', priority: 'urgent', dueInMin: 40, serviceS: 20 },
  { type: 'vitals', icon: 'vitals', shape: 'visit', action: 'measureVitals', priority: 'routine', dueInMin: 60, serviceS: 180 },
  { type: 'supplies', icon: 'supplies', shape: 'deliver', serviceKind: 'storage', pickAction: 'pick', dropAction: 'drop', priority: 'routine', dueInMin: 90, serviceS: 20 },
  { type: 'companion-call', icon: 'call', shape: 'visit', action: 'telepresence', priority: 'routine', dueInMin: 90, serviceS: 600 },
];

export const TEMPLATE_TYPES = TASK_TEMPLATES.map((t) => t.type);

const ICONS = new Map<string, TypeIconName>(TASK_TEMPLATES.map((t) => [t.type, t.icon]));
export function typeIcon(type: string): TypeIconName {
  return ICONS.get(type) ?? 'task';
}

export function requiredActions(template: TaskTemplate): string[] {
  const actions = template.shape === 'visit' ? [template.action] : [template.pickAction, template.dropAction];
  return [...new Set(actions.filter((a): a is string => a !== undefined))];
}

export type Availability =
  /** Some robot that can do it is online, in service and not paused. */
  | { readonly kind: 'available'; readonly robots: number }
  /** Robots that could do it exist but none can take it now: it waits (and may go to a person). */
  | { readonly kind: 'no-robot-free'; readonly robots: number }
  /** No robot of the fleet has these actions: only a person can do it. */
  | { readonly kind: 'no-robot-can' }
  /** The building has no such service (e.g. no pharmacy node). */
  | { readonly kind: 'no-service' };

export function canDo(robot: Robot, actions: readonly string[]): boolean {
  return actions.every((a) => robot.actions.includes(a));
}

export function availability(template: TaskTemplate, robots: Iterable<Robot>, facility: FacilityIndex, fleetStopped: boolean): Availability {
  if (template.serviceKind && facility.nodesOfKind(template.serviceKind).length === 0) return { kind: 'no-service' };
  const actions = requiredActions(template);
  const capable = [...robots].filter((r) => canDo(r, actions));
  if (capable.length === 0) return { kind: 'no-robot-can' };
  const free = capable.filter((r) => r.state !== 'offline' && r.state !== 'error' && r.inService && !r.paused);
  return free.length > 0 && !fleetStopped ? { kind: 'available', robots: free.length } : { kind: 'no-robot-free', robots: capable.length };
}

/** Of several nodes of a service kind, the one fastest to reach from the room (ties: the first in the file). */
export function nearestService(kind: string, roomNode: string, facility: FacilityIndex, router: FacilityRouter): string | undefined {
  let best: { id: string; s: number } | undefined;
  for (const node of facility.nodesOfKind(kind)) {
    const s = router.leg(node.id, roomNode, 1)?.seconds ?? Infinity;
    if (!best || s < best.s) best = { id: node.id, s };
  }
  return best?.id;
}

export interface TaskRequest {
  readonly template: TaskTemplate;
  readonly roomNode: string;
  readonly priority: TaskPriority;
  /** Epoch ms. */
  readonly deadline?: number;
  readonly note?: string;
}

/** The api body for a request; undefined when the building lacks the template's service. */
export function buildTaskBody(request: TaskRequest, facility: FacilityIndex, router: FacilityRouter): NewTask | undefined {
  const { template, roomNode } = request;
  const common = {
    type: template.type,
    priority: request.priority,
    deadline: request.deadline === undefined ? undefined : new Date(request.deadline).toISOString(),
    note: request.note?.trim() ? request.note.trim() : undefined,
    serviceS: template.serviceS,
  };
  if (template.shape === 'visit') return { ...common, atNode: roomNode, action: template.action };
  const service = nearestService(template.serviceKind!, roomNode, facility, router);
  if (!service) return undefined;
  const [from, to] = template.shape === 'deliver' ? [service, roomNode] : [roomNode, service];
  return { ...common, from, to, pickAction: template.pickAction, dropAction: template.dropAction };
}
