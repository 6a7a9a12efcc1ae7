import type { Robot, Task } from '../api/contract';

const OPEN = new Set(['ready', 'accepted', 'in-progress', 'on-hold']);
const URGENCY = ['stat', 'asap', 'urgent', 'routine'];

/** Most urgent first, then the earliest deadline, then the oldest (as the api orders its staff queue). */
function byUrgency(a: Task, b: Task): number {
  const deadline = (t: Task) => (t.deadline ? Date.parse(t.deadline) : Infinity);
  return URGENCY.indexOf(a.priority) - URGENCY.indexOf(b.priority) || deadline(a) - deadline(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/**
 * The staff queue: open tasks for people — staff-only and escalated ones (`performer: staff`), and tasks a robot let
 * go of that wait on hold without one.
 */
export function staffQueue(tasks: Iterable<Task>): Task[] {
  return [...tasks].filter((t) => OPEN.has(t.status) && (t.performer === 'staff' || (t.status === 'on-hold' && !t.robotId))).sort(byUrgency);
}

export type CustodyPrompt = { readonly task: Task; readonly step: 'load' | 'handover' };

/**
 * Medication robots waiting for a nurse: at the room (the task is on hold with its robot there) for the handover, or
 * at the pharmacy (the robot stands at the pick-up of a delivery under way) for the load.
 */
export function custodyPrompts(tasks: Iterable<Task>, robots: ReadonlyMap<string, Robot>, custodyTypes: readonly string[] = ['medication']): CustodyPrompt[] {
  const prompts: CustodyPrompt[] = [];
  for (const task of tasks) {
    if (!custodyTypes.includes(task.type) || !task.robotId || task.performer === 'staff') continue;
    const robot = robots.get(task.robotId);
    if (task.status === 'on-hold') prompts.push({ task, step: 'handover' });
    else if ((task.status === 'accepted' || task.status === 'in-progress') && robot && task.from && robot.lastNodeId === task.from && robot.state !== 'moving') {
      prompts.push({ task, step: 'load' });
    }
  }
  return prompts.sort((a, b) => byUrgency(a.task, b.task));
}
