import type { Robot, Task } from '../api/contract';
import { custodyStep, type CustodyStep } from '../care/staff-queue-model';
import type { FacilityRouter } from '../routing/facility-router';
import { remainingStops } from './task-model';

export type Eta =
  | { readonly kind: 'estimate'; readonly at: number; readonly seconds: number }
  /** A robot has it but is paused, offline or in error: no honest estimate. */
  | { readonly kind: 'held'; readonly reason: 'paused' | 'offline' | 'error' }
  /** Its robot stands waiting for a nurse (medication to load or to hand over): it leaves when she comes, not on a clock. */
  | { readonly kind: 'waiting'; readonly for: CustodyStep }
  | { readonly kind: 'unknown' };

/**
 * When a task under way should be done: the fastest route from where its robot stands through the stops still ahead,
 * at the robot's speed, plus the expected work at the destination. Waiting and ended tasks have no ETA, nor has a task
 * whose robot waits for a nurse: a time counted from the pharmacy would slide on while it stands there.
 */
export function estimateEta(task: Task, robot: Robot | undefined, router: FacilityRouter, now: number, pickedUp: boolean, custodyTypes: readonly string[]): Eta {
  if ((task.status !== 'accepted' && task.status !== 'in-progress' && task.status !== 'on-hold') || !robot) return { kind: 'unknown' };
  if (robot.state === 'offline') return { kind: 'held', reason: 'offline' };
  if (robot.state === 'error') return { kind: 'held', reason: 'error' };
  if (robot.paused) return { kind: 'held', reason: 'paused' };
  const waitingFor = custodyStep(task, robot, custodyTypes);
  if (waitingFor) return { kind: 'waiting', for: waitingFor };
  if (task.status === 'on-hold') return { kind: 'unknown' };
  const start = robot.lastNodeId;
  const stops = remainingStops(task, pickedUp);
  if (!start || stops.length === 0) return { kind: 'unknown' };
  const route = router.route([start, ...stops], robot.speed > 0 ? robot.speed : 1);
  if (!route) return { kind: 'unknown' };
  const seconds = Math.round(route.seconds + (task.serviceS ?? 0));
  return { kind: 'estimate', seconds, at: now + seconds * 1000 };
}
