import type { Facility } from '../facility/facility-graph';
import type { Route } from '../facility/routing';
import type { Robot } from '../robot/robot';
import type { Task } from '../task/task';

/** What a robot still has to do before it is free, when the caller knows better than the policy's own guess. */
export interface RobotWorkload {
  readonly kind: 'task' | 'charge';
  /** Seconds until it is done: rest of its route plus service. */
  readonly remainingS: number;
  /** Node it will stand at when done (its mission's last node; for a charge trip, the charger). */
  readonly endNode: string;
}

/**
 * A robot as the policy sees it. Without `workload` the policy estimates a busy robot's remaining work from its
 * current task (see `estimateRemainingWork`) and takes a robot with a mission but no task to be on a charge trip.
 */
export type DispatchRobot = Robot & { readonly workload?: RobotWorkload };

export interface DispatchConfig {
  /** Percent. A robot under it takes no work and is sent to charge; no task may take a robot under it. */
  readonly batteryReserve: number;
  /** Percent of battery per metre driven. */
  readonly batteryDrainPerMeter: number;
  /** Percent of battery per second of service at a stop. */
  readonly batteryDrainPerSecondWorking: number;
  /** Seconds of work at the destination when a task does not say. */
  readonly defaultServiceS: number;
  /**
   * Seconds. A task waits for a busy robot instead of going to the best free one only when the busy robot would
   * finish it more than this much earlier (default 60): a small gain is not worth leaving a free robot idle while
   * the estimate of the busy robot's remaining work may be wrong.
   */
  readonly waitForBusyMarginS?: number;
  /** Percent of battery gained per second on a charger (default 0.05, a full charge in about half an hour). */
  readonly batteryChargePerSecond?: number;
}

export const DEFAULT_DISPATCH_CONFIG: Required<DispatchConfig> = {
  batteryReserve: 20,
  batteryDrainPerMeter: 0.01,
  batteryDrainPerSecondWorking: 0.002,
  defaultServiceS: 30,
  waitForBusyMarginS: 60,
  batteryChargePerSecond: 0.05,
};

export interface DispatchSnapshot {
  /** Epoch ms. */
  readonly now: number;
  readonly facility: Facility;
  /** The whole fleet, online or not: only a fleet-wide view can tell that no robot can ever do a task. */
  readonly robots: readonly DispatchRobot[];
  /** Ready tasks to plan, and the active ones robots are busy with. Other statuses are ignored. */
  readonly tasks: readonly Task[];
  readonly config: DispatchConfig;
  /**
   * Robots that gave each task up (refused its order, failed it): never planned for it again. A policy that reads this
   * plans none of them for the task (min-cost); the application takes back any such pick a policy still makes
   * (planAvoidingRefusers).
   */
  readonly avoided?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Per robot, the chargers it refused a trip to lately (the order refused, or over the limits its factsheet declares):
   * no policy sends it there again meanwhile (the application drops any such trip a policy still plans).
   */
  readonly refusedChargers?: ReadonlyMap<string, ReadonlySet<string>>;
}

export type UnassignableReason = 'no-capable-robot' | 'no-route';

export type DispatchDecision =
  | {
      readonly kind: 'assign';
      readonly taskId: string;
      readonly robotId: string;
      /** From the robot's node through every stop of the task. */
      readonly route: Route;
      /** Epoch ms the policy expects the task done (travel plus service). */
      readonly finishAt: number;
    }
  | { readonly kind: 'charge'; readonly robotId: string; readonly chargerNode: string; readonly route: Route }
  /** An idle robot drives to a waiting point where work is expected to start (no action there); it takes no order until it is there. */
  | { readonly kind: 'park'; readonly robotId: string; readonly node: string; readonly route: Route }
  /**
   * Take the robot off `taskId` (its order is cancelled, the task goes back to the queue) so that it can serve
   * `forTaskId`, a stat task; the robot gets the stat task in a later round, once it stands still.
   */
  | { readonly kind: 'preempt'; readonly robotId: string; readonly taskId: string; readonly forTaskId: string }
  /** No robot of the fleet supports every action it requires, or its stops are not joined by any route. */
  | { readonly kind: 'unassignable'; readonly taskId: string; readonly reason: UnassignableReason };

/** Dispatch as a pure function of the snapshot, so policies can be swapped and compared on the same scenarios. */
export interface DispatchPolicy {
  readonly name: string;
  plan(snapshot: DispatchSnapshot): DispatchDecision[];
}
