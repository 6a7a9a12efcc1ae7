import type { Robot, Task } from '../api/contract';

const OPEN = new Set(['ready', 'accepted', 'in-progress', 'on-hold']);
const URGENCY = ['stat', 'asap', 'urgent', 'routine'];

/** Most urgent first, then the earliest deadline, then the oldest (as the api orders its staff queue). */
function byUrgency(a: Task, b: Task): number {
  const deadline = (t: Task) => (t.deadline ? Date.parse(t.deadline) : Infinity);
  return URGENCY.indexOf(a.priority) - URGENCY.indexOf(b.priority) || deadline(a) - deadline(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** Whose work a queue shows: every ward's, or the listed wards' (ids). */
export type WardScope = 'all' | readonly string[];

/** In scope: every task when the scope is all wards; otherwise a task of a listed ward or of no ward (as the api's queue). */
export function inWardScope(task: Task, scope: WardScope): boolean {
  return scope === 'all' || task.wardId === undefined || scope.includes(task.wardId);
}

/**
 * The staff queue: open tasks for people — staff-only and escalated ones (`performer: staff`), and tasks a robot let
 * go of that wait on hold without one — of the wards in `scope`.
 */
export function staffQueue(tasks: Iterable<Task>, scope: WardScope = 'all'): Task[] {
  return [...tasks].filter((t) => OPEN.has(t.status) && (t.performer === 'staff' || (t.status === 'on-hold' && !t.robotId)) && inWardScope(t, scope)).sort(byUrgency);
}

/** A medication task: its type is one of the custody types (in any case), so only a nurse gives or takes it. */
export function isMedication(task: Task, custodyTypes: readonly string[]): boolean {
  return custodyTypes.some((type) => type.toLowerCase() === task.type.toLowerCase());
}

export type CustodyStep = 'load' | 'handover';
export type CustodyPrompt = { readonly task: Task; readonly step: CustodyStep };

/**
 * What a medication robot waits for a nurse to do, if anything: the handover at the room (the task is on hold with its
 * robot there), or the load at the pharmacy (the robot stands at the pick-up of a delivery under way).
 */
export function custodyStep(task: Task, robot: Robot | undefined, custodyTypes: readonly string[]): CustodyStep | undefined {
  if (!isMedication(task, custodyTypes) || !task.robotId || task.performer === 'staff') return undefined;
  if (task.status === 'on-hold') return 'handover';
  if ((task.status === 'accepted' || task.status === 'in-progress') && robot && task.from && robot.lastNodeId === task.from && robot.state !== 'moving') return 'load';
  return undefined;
}

/** Medication robots waiting for a nurse (see `custodyStep`), of the wards in `scope`. */
export function custodyPrompts(tasks: Iterable<Task>, robots: ReadonlyMap<string, Robot>, scope: WardScope, custodyTypes: readonly string[]): CustodyPrompt[] {
  const prompts: CustodyPrompt[] = [];
  for (const task of tasks) {
    if (!inWardScope(task, scope)) continue;
    const step = custodyStep(task, task.robotId ? robots.get(task.robotId) : undefined, custodyTypes);
    if (step) prompts.push({ task, step });
  }
  return prompts.sort((a, b) => byUrgency(a.task, b.task));
}
